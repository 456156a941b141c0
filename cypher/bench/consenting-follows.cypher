// Benchmarks only: every follow between consenting users, for the lookalike bench's
// personalised-PageRank reference (small graphs: the whole edge list in one answer).
MATCH (a:User)-[:FOLLOWS]->(b:User)
WHERE a.consentProfiling = true AND b.consentProfiling = true
RETURN a.id AS followerId, b.id AS followeeId
