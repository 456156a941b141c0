// totalCount for `products(filter)`.
// $category: STRING  $brand: STRING  $interestId: STRING
MATCH (p:Product)
WHERE ($category IS NULL OR p.category = $category)
  AND ($brand IS NULL OR p.brand = $brand)
  AND ($interestId IS NULL OR EXISTS { (p)-[:HAS_INTEREST]->(:Interest {id: $interestId}) })
RETURN count(p) AS total
