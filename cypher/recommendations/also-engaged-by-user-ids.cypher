// "Users who engaged with this also engaged with": products co-engaged with the user's own
// products by other consenting users, scored by the number of co-engagement paths; never a
// product the user already bought. One statement for a batch of users. Only for users who
// consent to profiling.
//
// Bounded (issue 12): a three-hop expansion from a heavy user through popular products touches
// millions of paths. Each hop keeps a sample of fixed size, so one user costs at most
// $maxCoEngagers × $maxProductsPerUser paths whatever the graph: up to $maxOwnProducts of the
// user's products, up to $maxCoEngagers distinct other users reached from them, and up to
// $maxProductsPerUser products of each. Samples are the first in store order (deterministic).
// $userIds: LIST<STRING>  $limit: INTEGER  $maxOwnProducts: INTEGER  $maxCoEngagers: INTEGER  $maxProductsPerUser: INTEGER
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
WHERE u.consentProfiling = true
CALL (u) {
  MATCH (u)-[:PURCHASED|VIEWED|RATED]->(mine:Product)
  WITH DISTINCT mine
  LIMIT $maxOwnProducts
  CALL (u, mine) {
    MATCH (mine)<-[:PURCHASED|VIEWED|RATED]-(other:User)
    WHERE other <> u AND other.consentProfiling = true
    RETURN DISTINCT other
    LIMIT $maxCoEngagers
  }
  WITH DISTINCT other, collect(mine) AS shared
  LIMIT $maxCoEngagers
  CALL (other) {
    MATCH (other)-[:PURCHASED|VIEWED|RATED]->(p:Product)
    RETURN DISTINCT p
    LIMIT $maxProductsPerUser
  }
  WITH p, shared
  WHERE NOT p IN shared AND NOT EXISTS { (u)-[:PURCHASED]->(p) }
  UNWIND shared AS mine
  WITH p, count(*) AS paths, count(DISTINCT mine) AS via
  RETURN p, toFloat(paths) AS score, via
  ORDER BY score DESC, p.id
  LIMIT $limit
}
RETURN userId, p {.id, .name, .category, .brand, .price} AS product, score, via AS evidence
