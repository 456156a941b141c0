// The FOLLOWS edges among consenting users, for a page of followers (keyset on follower id).
// $after: STRING  $limit: INTEGER
MATCH (a:User)
WHERE a.id > $after AND a.consentProfiling = true
WITH a ORDER BY a.id LIMIT $limit
OPTIONAL MATCH (a)-[f:FOLLOWS]->(b:User)
WHERE b.consentProfiling = true
RETURN a.id AS source, collect([b.id, coalesce(f.weight, 1.0)]) AS targets
