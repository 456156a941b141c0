// Cold start: the products with the most engagement overall (purchases, views and ratings),
// minus what the user already engaged with.
// Bounded (issue 12): engagement is read from each product's relationship degree (a count the
// store keeps), not by aggregating every event, so one call costs one step per product.
// $userIds: LIST<STRING>  $limit: INTEGER
CALL {
  MATCH (p:Product)
  WITH p, COUNT { (p)<-[:PURCHASED|VIEWED|RATED]-() } AS engagements
  WHERE engagements > 0
  ORDER BY engagements DESC, p.id
  LIMIT 500
  RETURN collect({p: p, engagements: engagements}) AS popular
}
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
