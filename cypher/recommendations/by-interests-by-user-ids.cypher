// Products tagged with the user's interests: Σ interest weight × tag weight; never a product
// the user already engaged with (bought, viewed or rated). Personal: only for users who
// consent to profiling.
// $userIds: LIST<STRING>  $limit: INTEGER
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
WHERE u.consentProfiling = true
CALL (u) {
  MATCH (u)-[r:INTERESTED_IN]->(i:Interest)<-[t:HAS_INTEREST]-(p:Product)
  WHERE NOT EXISTS { (u)-[:PURCHASED|VIEWED|RATED]->(p) }
  WITH p, sum(r.weight * t.weight) AS score, count(i) AS interests
  RETURN p, score, interests
  ORDER BY score DESC, p.id
  LIMIT $limit
}
RETURN userId, p {.id, .name, .category, .brand, .price} AS product, score, interests AS evidence
