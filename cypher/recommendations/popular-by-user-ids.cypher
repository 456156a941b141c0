// Cold start: the products with the most engagement overall (purchases, views and ratings),
// minus what the user already engaged with.
// Bounded (issue 12, issue 37): the RECOMMENDATIONS job keeps the 500 most engaged products on
// the state node, so a request reads 500 products' relationship degrees (a count the store
// keeps). Before the first run, every product's degree is read instead.
// $userIds: LIST<STRING>  $limit: INTEGER
OPTIONAL MATCH (s:AnalyticsState {id: 'current'})
CALL (s) {
  WITH s WHERE s.popularProductIds IS NOT NULL
  UNWIND s.popularProductIds AS productId
  MATCH (p:Product {id: productId})
  RETURN p
  UNION ALL
  WITH s WHERE s IS NULL OR s.popularProductIds IS NULL
  MATCH (p:Product)
  WITH p, COUNT { (p)<-[:PURCHASED|VIEWED|RATED]-() } AS engagements
  WHERE engagements > 0
  ORDER BY engagements DESC, p.id
  LIMIT 500
  RETURN p
}
WITH p, COUNT { (p)<-[:PURCHASED|VIEWED|RATED]-() } AS engagements
ORDER BY engagements DESC, p.id
WITH collect({p: p, engagements: engagements}) AS popular
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
CALL (u, popular) {
  UNWIND popular AS entry
  WITH entry.p AS p, entry.engagements AS engagements
  WHERE NOT EXISTS { (u)-[:PURCHASED|VIEWED|RATED]->(p) }
  RETURN p, toFloat(engagements) AS score, engagements
  LIMIT $limit
}
RETURN userId, p {.id, .name, .category, .brand, .price} AS product, score, engagements AS evidence
