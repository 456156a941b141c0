// A page of the users analytics may profile: only those with profiling consent.
// $after: STRING  $limit: INTEGER
MATCH (u:User)
WHERE u.id > $after AND u.consentProfiling = true
RETURN u.id AS id
ORDER BY u.id
LIMIT $limit
