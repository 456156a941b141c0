// Products tagged with the user's interests: Σ interest weight × tag weight; never a product
// the user already engaged with (bought, viewed or rated). Personal: only for users who
// consent to profiling.
// Bounded (issue 37): each interest's 200 most heavily tagged products are kept on it by the
// RECOMMENDATIONS job, so a user costs their interests × 200 rows whatever the catalogue's
// size; exact while no interest tags more than 200 products, and otherwise a product outside
// an interest's list misses only that interest's (smaller) part. An interest without a list
// (before the first run) reads its tags.
// $userIds: LIST<STRING>  $limit: INTEGER
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
WHERE u.consentProfiling = true
CALL (u) {
  OPTIONAL MATCH (u)-[:PURCHASED|VIEWED|RATED]->(own:Product)
  WITH collect(DISTINCT own.id) AS owned
  MATCH (u)-[r:INTERESTED_IN]->(i:Interest)
  CALL (i) {
    WITH i WHERE i.topProductIds IS NOT NULL
    UNWIND range(0, size(i.topProductIds) - 1) AS k
    RETURN i.topProductIds[k] AS productId, i.topProductWeights[k] AS tagWeight
    UNION ALL
    WITH i WHERE i.topProductIds IS NULL
    MATCH (i)<-[t:HAS_INTEREST]-(p:Product)
    RETURN p.id AS productId, t.weight AS tagWeight
  }
  WITH owned, productId, sum(r.weight * tagWeight) AS score, count(i) AS interests
  WHERE NOT productId IN owned
  ORDER BY score DESC, productId
  LIMIT $limit
  MATCH (p:Product {id: productId})
  RETURN p, score, interests
}
RETURN userId, p {.id, .name, .category, .brand, .price} AS product, score, interests AS evidence
