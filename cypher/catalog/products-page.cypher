// One page of products in id order (keyset pagination on the unique index).
// $after: STRING  $limit: INTEGER  $category: STRING  $brand: STRING  $interestId: STRING
MATCH (p:Product)
WHERE p.id > $after
  AND ($category IS NULL OR p.category = $category)
  AND ($brand IS NULL OR p.brand = $brand)
  AND ($interestId IS NULL OR EXISTS { (p)-[:HAS_INTEREST]->(:Interest {id: $interestId}) })
RETURN p {.id, .name, .category, .brand, .price} AS product
ORDER BY p.id
LIMIT $limit
