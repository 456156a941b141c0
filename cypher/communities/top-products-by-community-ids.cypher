// Each community's portrait: products bought by most of its members.
// $communityIds: LIST<STRING>  $limit: INTEGER
UNWIND $communityIds AS communityId
MATCH (c:Community {id: communityId})
CALL (c) {
  MATCH (c)<-[:MEMBER_OF]-(u:User)-[:PURCHASED]->(p:Product)
  WHERE u.consentProfiling = true
  WITH p, count(DISTINCT u) AS buyers
  RETURN p, buyers
  ORDER BY buyers DESC, p.id
  LIMIT $limit
}
RETURN communityId, p {.id, .name, .category, .brand, .price} AS product, buyers
