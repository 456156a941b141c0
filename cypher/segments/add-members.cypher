// A batch of a saved segment's members with their score and rank (idempotent on re-run).
// $id: STRING  $rows: LIST<MAP{userId: STRING, score: FLOAT, rank: INTEGER}>
MATCH (s:Segment {id: $id})
UNWIND $rows AS row
MATCH (u:User {id: row.userId})
MERGE (s)-[m:INCLUDES]->(u)
SET m.score = row.score, m.rank = row.rank
RETURN count(m) AS written
