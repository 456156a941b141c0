// A page of $var's purchases, newest first, keyset on (at DESC, product id) after ($afterAt,
// $afterProductId) ($afterAt null: the first page), $limit of them (null: none): the list of
// activity/purchases-by-user-ids and of the user page's look-ahead (pages/user-pages-by-ids).
MATCH ($var)-[r:PURCHASED]->(p:Product)
WHERE $afterAt IS NULL OR r.at < $afterAt OR (r.at = $afterAt AND p.id > $afterProductId)
WITH r, p ORDER BY r.at DESC, p.id LIMIT coalesce($limit, 0)
