// Writes a batch of influence results into the idle slot (keys chosen in code from a closed set).
// $rows: LIST<MAP{id: STRING, props: MAP}>
UNWIND $rows AS row
MATCH (u:User {id: row.id})
SET u += row.props
RETURN count(u) AS written
