// Cold start: the most bought products overall, minus what the user already bought.
// Bounded (issue 12): buyers are counted from each product's relationship degree (a count the
// store keeps), not by aggregating every purchase, so one call costs one step per product.
// $userIds: LIST<STRING>  $limit: INTEGER
CALL {
  MATCH (p:Product)
  WITH p, COUNT { (p)<-[:PURCHASED]-() } AS buyers
  WHERE buyers > 0
  ORDER BY buyers DESC, p.id
  LIMIT 500
  RETURN collect({p: p, buyers: buyers}) AS popular
}
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
CALL (u, popular) {
  UNWIND popular AS entry
  WITH entry.p AS p, entry.buyers AS buyers
  WHERE NOT EXISTS { (u)-[:PURCHASED]->(p) }
  RETURN p, toFloat(buyers) AS score, buyers
  LIMIT $limit
}
RETURN userId, p {.id, .name, .category, .brand, .price} AS product, score, buyers AS evidence
