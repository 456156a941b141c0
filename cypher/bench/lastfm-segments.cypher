// Benchmarks only: the most listened artists with $minListeners–$maxListeners listeners, and
// those listeners (the segments of bench:lookalike).
// $minListeners: INTEGER  $maxListeners: INTEGER  $limit: INTEGER
MATCH (p:Product)<-[v:VIEWED]-(u:User)
WHERE p.id STARTS WITH 'lastfm-a' AND u.consentProfiling = true
WITH p, count(u) AS listeners, sum(v.count) AS plays, collect(u.id) AS userIds
WHERE listeners >= $minListeners AND listeners <= $maxListeners
RETURN p.id AS productId, p.name AS name, listeners, userIds
ORDER BY plays DESC
LIMIT $limit
