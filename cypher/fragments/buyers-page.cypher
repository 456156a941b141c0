// A page of $var's buyers (distinct users), by id after $after, $limit of them (null: none): the
// list of catalog/buyers-by-product-ids and of the product page's look-ahead
// (pages/product-pages-by-ids).
MATCH (u:User)-[:PURCHASED]->($var)
WHERE u.id > $after
WITH DISTINCT u ORDER BY u.id LIMIT coalesce($limit, 0)
