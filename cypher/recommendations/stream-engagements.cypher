// A page of consenting users with the products they engaged with (bought, viewed or rated),
// for the RECOMMENDATIONS job's item neighbours (src/recommendations/item-neighbours.ts).
// A user's products are capped (first in store order): one heavy user would otherwise add
// products² pairs.
// $after: STRING  $limit: INTEGER  $maxProductsPerUser: INTEGER
MATCH (u:User)
WHERE u.id > $after AND u.consentProfiling = true
WITH u ORDER BY u.id LIMIT $limit
CALL (u) {
  OPTIONAL MATCH (u)-[:PURCHASED|VIEWED|RATED]->(p:Product)
  WITH DISTINCT p LIMIT $maxProductsPerUser
  RETURN collect(p.id) AS products
}
RETURN u.id AS userId, products
