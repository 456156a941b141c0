// "Users who engaged with this also engaged with": products co-engaged with the user's own
// products by other consenting users, weighted by rarity of the shared product; never a
// product the user already bought. One statement for a batch of users.
// $userIds: LIST<STRING>  $limit: INTEGER
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
CALL (u) {
  MATCH (u)-[:PURCHASED|VIEWED|RATED]->(mine:Product)<-[:PURCHASED|VIEWED|RATED]-(other:User)-[:PURCHASED|VIEWED|RATED]->(p:Product)
  WHERE other <> u AND other.consentProfiling = true AND p <> mine AND NOT EXISTS { (u)-[:PURCHASED]->(p) }
  WITH p, count(*) AS paths, count(DISTINCT mine) AS via
  RETURN p, toFloat(paths) AS score, via
  ORDER BY score DESC, p.id
  LIMIT $limit
}
RETURN userId, p {.id, .name, .category, .brand, .price} AS product, score, via AS evidence
