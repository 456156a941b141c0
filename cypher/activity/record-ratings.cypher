// Ratings: one RATED relationship per (user, product); the newest rating wins, replays and
// older ratings change nothing. One row per pair (the service keeps the newest in a batch).
// Times travel as epoch milliseconds both ways (DATETIME here): packing and unpacking driver
// DateTime values cost the JavaScript side more than the write itself (upsert-follows.cypher).
// $rows: LIST<MAP{userId: STRING, productId: STRING, at: INTEGER (epoch ms), score: INTEGER}>
UNWIND $rows AS input
WITH input {.*, at: datetime({epochMillis: toInteger(input.at)})} AS row
MATCH (u:User {id: row.userId})
MATCH (p:Product {id: row.productId})
MERGE (u)-[r:RATED]->(p)
WITH r, row WHERE r.at IS NULL OR row.at > r.at
SET r.score = row.score, r.at = row.at
RETURN row.userId AS userId, row.productId AS productId, row.at.epochMillis AS at, row.score AS score
