// Ratings: one RATED relationship per (user, product) holding the newest rating. Each rating
// newer than the stored one counts (as views do), so a batch of two ratings and two batches of
// one build the same graph; replays and older ratings change nothing.
// Each row carries every rating of one (user, product) pair in the batch, sorted by time.
// Times travel as epoch milliseconds both ways (DATETIME here): packing and unpacking driver
// DateTime values cost the JavaScript side more than the write itself (upsert-follows.cypher).
// $rows: LIST<MAP{userId: STRING, productId: STRING, ratings: LIST<MAP{at: INTEGER (epoch ms), score: INTEGER}>}>
UNWIND $rows AS input
WITH input {.*, ratings: [rating IN input.ratings | {at: datetime({epochMillis: toInteger(rating.at)}), score: rating.score}]} AS row
MATCH (u:User {id: row.userId})
MATCH (p:Product {id: row.productId})
MERGE (u)-[r:RATED]->(p)
WITH r, row, [rating IN row.ratings WHERE r.at IS NULL OR rating.at > r.at] AS fresh
WHERE size(fresh) > 0
SET r.score = fresh[-1].score, r.at = fresh[-1].at
WITH row, fresh
UNWIND fresh AS rating
RETURN row.userId AS userId, row.productId AS productId, rating.at.epochMillis AS at, rating.score AS score
