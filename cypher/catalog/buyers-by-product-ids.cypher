// A page of buyers (distinct users, by id) for each product in a batch.
// $productIds: LIST<STRING>  $after: STRING  $limit: INTEGER
UNWIND $productIds AS productId
MATCH (p:Product {id: productId})
CALL (p) {
  {{buyers-page p}}
  RETURN u
}
RETURN productId, {{user-map u}} AS user
