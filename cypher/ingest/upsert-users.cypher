// Bulk, idempotent user upsert for importers and the demo seed: MERGE on id, then set every
// property the source provides (a null removes it).
// $rows: LIST<MAP{id: STRING, props: MAP}>
UNWIND $rows AS row
MERGE (u:User {id: row.id})
SET u += row.props
RETURN count(u) AS written
