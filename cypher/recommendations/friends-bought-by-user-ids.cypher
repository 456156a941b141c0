// Products the user's friends (mutual follows) bought, by how many friends bought them; never
// a product the user already bought. Personal: only for users who consent to profiling, and
// only friends who consent count.
// $userIds: LIST<STRING>  $limit: INTEGER
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
WHERE u.consentProfiling = true
CALL (u) {
  MATCH (u)-[:FOLLOWS]->(friend:User)-[:FOLLOWS]->(u)
  WHERE friend.consentProfiling = true
  MATCH (friend)-[:PURCHASED]->(p:Product)
  WHERE NOT EXISTS { (u)-[:PURCHASED]->(p) }
  WITH p, count(DISTINCT friend) AS friends
  RETURN p, toFloat(friends) AS score, friends
  ORDER BY score DESC, p.id
  LIMIT $limit
}
RETURN userId, p {.id, .name, .category, .brand, .price} AS product, score, friends AS evidence
