// Idempotent batch upsert of interests, MERGE on id.
// $rows: LIST<MAP{id: STRING, name: STRING}>
UNWIND $rows AS row
MERGE (i:Interest {id: row.id})
SET i.name = row.name
RETURN count(i) AS written
