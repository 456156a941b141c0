// Cold start: the most bought products overall, minus what the user already bought.
// $userIds: LIST<STRING>  $limit: INTEGER
CALL {
  MATCH (p:Product)<-[b:PURCHASED]-(:User)
  WITH p, count(b) AS buyers
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
