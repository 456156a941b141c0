// A page of stored reviews for `profile-graph reviews reread` (src/activity/reread-reviews.ts):
// the reviews of the next $limit users by id (keyset on User(id); users without reviews fill the
// page too, so a page may hold no review before the last one).
// $afterId: STRING  $limit: INTEGER
MATCH (u:User)
WHERE u.id > $afterId
WITH u
ORDER BY u.id
LIMIT $limit
OPTIONAL MATCH (u)-[r:REVIEWED]->(p:Product)
WITH u, collect(CASE WHEN r IS NOT NULL THEN {productId: p.id, at: r.at.epochMillis, text: r.text, sentiment: r.sentiment, keywords: r.keywords} END) AS reviews
RETURN u.id AS userId, reviews
ORDER BY userId
