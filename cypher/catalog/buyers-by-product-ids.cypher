// A page of buyers (distinct users, by id) for each product in a batch.
// $productIds: LIST<STRING>  $after: STRING  $limit: INTEGER
// $cards: BOOLEAN (true: user cards only, src/profiles/user-cards.ts)
UNWIND $productIds AS productId
MATCH (p:Product {id: productId})
CALL (p) {
  {{buyers-page p}}
  RETURN u
}
RETURN productId, {{listed-user-map u}} AS user
