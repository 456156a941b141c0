// Benchmarks only: the popularity baseline, users by number of products engaged with.
// $limit: INTEGER
MATCH (u:User) WHERE u.consentProfiling = true
RETURN u.id AS id
ORDER BY COUNT { (u)-[:VIEWED|PURCHASED|RATED]->() } DESC, u.id
LIMIT $limit
