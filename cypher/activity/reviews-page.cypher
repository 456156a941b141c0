// A page of stored reviews for `profile-graph reviews reread` (src/activity/reread-reviews.ts):
// the reviews of the next $limit users who have any, by id (keyset on User(id)).
// $afterId: STRING  $limit: INTEGER
MATCH (u:User)
WHERE u.id > $afterId AND EXISTS { (u)-[:REVIEWED]->(:Product) }
WITH u
ORDER BY u.id
LIMIT $limit
MATCH (u)-[r:REVIEWED]->(p:Product)
WITH u, collect({productId: p.id, at: r.at.epochMillis, text: r.text, sentiment: r.sentiment, sentimentSource: r.sentimentSource,
  sentimentReasons: r.sentimentReasons, sentimentReasonWeights: r.sentimentReasonWeights, keywords: r.keywords}) AS reviews
RETURN u.id AS userId, reviews
ORDER BY userId
