// Interest-profile similarity to the seed: the seed's profile is each interest's share of
// its members' interest weight (top $profileSize interests); a candidate scores the dot
// product of that profile with its own normalised interest weights. Users without profiling
// consent are excluded; seed members are removed by the caller (a per-row `NOT IN $seedIds`
// against a 1,000-id list cost most of this query's time), which asks for $limit + |seed| rows.
// Local: expands only from the seed's interests.
// $seedIds: LIST<STRING>  $profileSize: INTEGER  $limit: INTEGER
MATCH (s:User)-[r:INTERESTED_IN]->(:Interest)
WHERE s.id IN $seedIds
WITH s, sum(r.weight) AS total
MATCH (s)-[r:INTERESTED_IN]->(i:Interest)
WITH i, sum(r.weight / total) / size($seedIds) AS share
ORDER BY share DESC
LIMIT $profileSize
MATCH (i)<-[c:INTERESTED_IN]-(candidate:User)
WHERE candidate.consentProfiling = true
WITH candidate, sum(share * c.weight) AS raw, collect(i.name) AS shared
WITH candidate, raw / sqrt(toFloat(COUNT { (candidate)-[:INTERESTED_IN]->() })) AS score, shared
ORDER BY score DESC
LIMIT $limit
RETURN candidate.id AS userId, score, shared[0..3] AS labels, size(shared) AS count
