// Benchmarks only: user ids in id order (segment members, event targets).
// $limit: INTEGER
MATCH (u:User) WHERE u.consentProfiling = true
RETURN u.id AS id ORDER BY u.id LIMIT $limit
