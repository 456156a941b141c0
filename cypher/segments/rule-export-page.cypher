// A page of a rule segment for export, evaluated now, keyset on user id. Users without
// marketing consent do not match at all, so `consented` is true for every row.
// $afterId: STRING  $limit: INTEGER
MATCH (u:User)
WHERE u.id > $afterId AND u.consentProfiling = true AND u.consentMarketing = true AND {{rule}}
WITH u
ORDER BY u.id
LIMIT $limit
RETURN u.id AS userId, 1.0 AS score, u.email AS email, u.phone AS phone, true AS consented
