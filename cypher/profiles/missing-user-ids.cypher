// Which of these user ids do not exist.
// $ids: LIST<STRING>
UNWIND $ids AS id
OPTIONAL MATCH (u:User {id: id})
WITH id, u WHERE u IS NULL
RETURN collect(id) AS missing
