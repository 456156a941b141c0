// What each product's reviews talk about: the keywords most reviews of it share (by users who
// consent to profiling), with how many reviews name each and their mean sentiment (over those
// whose sentiment was read; null when none was).
// $productIds: LIST<STRING>  $limit: INTEGER
UNWIND $productIds AS productId
MATCH (p:Product {id: productId})
CALL (p) {
  MATCH (u:User)-[r:REVIEWED]->(p)
  WHERE u.consentProfiling = true
  UNWIND coalesce(r.keywords, []) AS topic
  WITH topic, count(r) AS reviews, avg(r.sentiment) AS sentiment
  RETURN topic, reviews, sentiment
  ORDER BY reviews DESC, topic
  LIMIT $limit
}
RETURN productId, topic, reviews, sentiment
