// Interest-profile similarity to the seed: the seed's profile is each interest's share of
// its members' interest weight (top $profileSize interests); a candidate scores the dot
// product of that profile with its own normalised interest weights. Seeds and users without
// profiling consent are excluded. Local: expands only from the seed's interests.
// $seedIds: LIST<STRING>  $profileSize: INTEGER  $limit: INTEGER
MATCH (s:User)-[r:INTERESTED_IN]->(:Interest)
WHERE s.id IN $seedIds
WITH s, sum(r.weight) AS total
MATCH (s)-[r:INTERESTED_IN]->(i:Interest)
WITH i, sum(r.weight / total) / size($seedIds) AS share
ORDER BY share DESC
LIMIT $profileSize
MATCH (i)<-[c:INTERESTED_IN]-(candidate:User)
WHERE candidate.consentProfiling = true AND NOT candidate.id IN $seedIds
WITH candidate, i, share, c.weight AS weight
WITH candidate, sum(share * weight) AS raw, collect({name: i.name, share: share * weight}) AS shared
WITH candidate, raw / sqrt(toFloat(COUNT { (candidate)-[:INTERESTED_IN]->() })) AS score, shared
ORDER BY score DESC
LIMIT $limit
RETURN candidate.id AS userId, score,
       [x IN shared | x.name][0..3] AS labels, size(shared) AS count
