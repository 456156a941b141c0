// Stores what the review reader (src/text/read-review.ts) reads now in reviews stored before it
// changed (`profile-graph reviews reread`). Only the reading moves: text, rating and time stay.
// A review is one REVIEWED per (user, product, at), as record-reviews.cypher writes it.
// $rows: LIST<MAP{userId: STRING, productId: STRING, at: INTEGER (epoch ms), sentiment: FLOAT?, sentimentSource: STRING, sentimentReasons: LIST<STRING>, sentimentReasonWeights: LIST<FLOAT>, keywords: LIST<STRING>}>
UNWIND $rows AS row
MATCH (u:User {id: row.userId})-[r:REVIEWED]->(p:Product {id: row.productId})
WHERE r.at.epochMillis = row.at
SET r.sentiment = row.sentiment, r.sentimentSource = row.sentimentSource, r.sentimentReasons = row.sentimentReasons,
  r.sentimentReasonWeights = row.sentimentReasonWeights, r.keywords = row.keywords
RETURN count(r) AS written
