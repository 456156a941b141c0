// Products the user's friends (mutual follows) engaged with (bought, viewed or rated), by how
// many friends did; never a product the user already engaged with. Personal: only for users who
// consent to profiling, and only friends who consent count.
// $userIds: LIST<STRING>  $limit: INTEGER
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
WHERE u.consentProfiling = true
CALL (u) {
  MATCH (u)-[:FOLLOWS]->(friend:User)-[:FOLLOWS]->(u)
  WHERE friend.consentProfiling = true
  MATCH (friend)-[:PURCHASED|VIEWED|RATED]->(p:Product)
  WITH p, count(DISTINCT friend) AS friends
  WHERE NOT EXISTS { (u)-[:PURCHASED|VIEWED|RATED]->(p) }
  RETURN p, toFloat(friends) AS score, friends
  ORDER BY score DESC, p.id
  LIMIT $limit
}
RETURN userId, p {.id, .name, .category, .brand, .price} AS product, score, friends AS evidence
