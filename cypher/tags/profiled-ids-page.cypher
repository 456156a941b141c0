// A page of the users the tags job scores (profiling consent), keyset on id.
// $afterId: STRING  $limit: INTEGER
MATCH (u:User)
WHERE u.id > $afterId AND u.consentProfiling = true
RETURN u.id AS id
ORDER BY u.id
LIMIT $limit
