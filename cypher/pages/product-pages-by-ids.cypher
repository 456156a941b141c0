// Everything a product page shows about each product in a batch, in one statement: the
// look-ahead behind Query.product / Query.products (src/pages/product-pages.ts). Each part runs
// only when the page selects it; the results prime the catalog, profile and social loaders in
// the shapes their own statements return. Buyers are fetched limit + 1, as the loader does.
// LIMIT takes coalesce(…, 0): Cypher evaluates a LIMIT even on a branch its WHERE empties.
// $ids: LIST<STRING>  $withInterests: BOOLEAN  $withBuyerCount: BOOLEAN
// $buyersLimit: INTEGER (null: not selected)  $buyersAfter: STRING ('' = first page)  $buyersCards: BOOLEAN (user cards)
UNWIND $ids AS id
MATCH (p:Product {id: id})
CALL (p) {
  WITH p WHERE $withInterests
  MATCH (p)-[r:HAS_INTEREST]->(i:Interest)
  WITH r, i ORDER BY r.weight DESC, i.id
  RETURN collect({interestId: i.id, name: i.name, weight: r.weight}) AS interests
}
CALL (p) {
  WITH p WHERE $buyersLimit IS NOT NULL
  {{buyers-page p $after=$buyersAfter $limit=$buyersLimit}}
  RETURN collect({user: {{listed-user-map u $cards=$buyersCards}},
          followers: COUNT { (u)<-[:FOLLOWS]-() }, following: COUNT { (u)-[:FOLLOWS]->() }}) AS buyers
}
RETURN id, p {.id, .name, .category, .brand, .price} AS product, interests, buyers,
       CASE WHEN $withBuyerCount THEN COUNT { MATCH (u:User)-[:PURCHASED]->(p) RETURN DISTINCT u } END AS buyerCount
