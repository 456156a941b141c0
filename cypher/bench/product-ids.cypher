// Benchmarks only: product ids in id order.
// $limit: INTEGER
MATCH (p:Product)
RETURN p.id AS id ORDER BY p.id LIMIT $limit
