// bench:sequences: every product's id and category, to build journeys within one category.
MATCH (p:Product)
RETURN p.id AS id, p.category AS category
ORDER BY p.id
