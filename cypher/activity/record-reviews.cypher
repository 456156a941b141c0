// Reviews: one REVIEWED relationship per (user, product, at), with what the user wrote, the
// rating given with it (if any), and its sentiment (−1 … 1; absent for text that cannot be read)
// with where it came from and the words that moved it (a learned model's reasons), and keywords, as
// read when recorded (src/text/read-review.ts). A replayed event finds its relationship and changes nothing.
// Returns the reviews that were new. The service dedupes (user, product, at) within a batch.
// $rows: LIST<MAP{userId: STRING, productId: STRING, at: INTEGER (epoch ms), text: STRING, rating: INTEGER?, sentiment: FLOAT?, sentimentSource: STRING, sentimentReasons: LIST<STRING>, sentimentReasonWeights: LIST<FLOAT>, keywords: LIST<STRING>}>
UNWIND $rows AS input
WITH input {.*, at: datetime({epochMillis: toInteger(input.at)})} AS row
MATCH (u:User {id: row.userId})
MATCH (p:Product {id: row.productId})
OPTIONAL MATCH (u)-[existing:REVIEWED {at: row.at}]->(p)
WITH u, p, row, existing WHERE existing IS NULL
CREATE (u)-[:REVIEWED {at: row.at, text: row.text, rating: row.rating, sentiment: row.sentiment, sentimentSource: row.sentimentSource,
  sentimentReasons: row.sentimentReasons, sentimentReasonWeights: row.sentimentReasonWeights, keywords: row.keywords}]->(p)
RETURN row.userId AS userId, row.productId AS productId, row.at.epochMillis AS at, row.rating AS rating
