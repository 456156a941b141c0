// Per user with profiling consent who reviewed anything: the mean sentiment of their reviews
// (over those whose sentiment was read: avg() skips the absent ones; null when none was),
// the keywords they use most, the mean per interest of the products reviewed, and their three
// reviews that weigh most (furthest from neutral), as the reasons for their label.
// $userIds: LIST<STRING>
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
WHERE u.consentProfiling = true AND EXISTS { (u)-[:REVIEWED]->() }
CALL (u) {
  MATCH (u)-[r:REVIEWED]->()
  RETURN avg(r.sentiment) AS mean, count(r) AS reviews
}
CALL (u) {
  MATCH (u)-[r:REVIEWED]->()
  UNWIND coalesce(r.keywords, []) AS topic
  WITH topic, count(*) AS uses
  ORDER BY uses DESC, topic
  LIMIT 5
  RETURN collect(topic) AS topics
}
CALL (u) {
  MATCH (u)-[r:REVIEWED]->(:Product)-[:HAS_INTEREST]->(i:Interest)
  WITH i, avg(r.sentiment) AS mean, count(r) AS reviews
  ORDER BY reviews DESC, i.id
  LIMIT 10
  RETURN collect({interestId: i.id, interestName: i.name, mean: mean, reviews: reviews}) AS byInterest
}
CALL (u) {
  MATCH (u)-[r:REVIEWED]->(p:Product)
  WITH r, p ORDER BY coalesce(abs(r.sentiment), -1.0) DESC, r.at DESC
  LIMIT 3
  RETURN collect({productId: p.id, text: r.text, rating: r.rating, sentiment: r.sentiment,
    sentimentSource: r.sentimentSource, sentimentReasons: r.sentimentReasons, sentimentReasonWeights: r.sentimentReasonWeights,
    keywords: coalesce(r.keywords, []), at: r.at.epochMillis}) AS sources
}
RETURN userId, mean, reviews, topics, byInterest, sources
