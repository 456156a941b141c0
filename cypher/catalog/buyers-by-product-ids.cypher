// A page of buyers (distinct users, by id) for each product in a batch.
// $productIds: LIST<STRING>  $after: STRING  $limit: INTEGER
UNWIND $productIds AS productId
MATCH (p:Product {id: productId})
CALL (p) {
  MATCH (u:User)-[:PURCHASED]->(p)
  WHERE u.id > $after
  WITH DISTINCT u
  RETURN u
  ORDER BY u.id
  LIMIT $limit
}
RETURN productId, {{user-map u}} AS user
