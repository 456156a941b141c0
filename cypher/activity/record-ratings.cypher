// Ratings: one RATED relationship per (user, product); the newest rating wins, replays and
// older ratings change nothing. One row per pair (the service keeps the newest in a batch).
// $rows: LIST<MAP{userId: STRING, productId: STRING, at: DATETIME, score: INTEGER}>
UNWIND $rows AS row
MATCH (u:User {id: row.userId})
MATCH (p:Product {id: row.productId})
MERGE (u)-[r:RATED]->(p)
WITH r, row WHERE r.at IS NULL OR row.at > r.at
SET r.score = row.score, r.at = row.at
RETURN row.userId AS userId, row.productId AS productId, row.at AS at, row.score AS score
