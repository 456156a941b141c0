// Social proximity: how many seed members a candidate follows or is followed by, damped by
// the candidate's own degree so hubs do not win on size alone.
// $seedIds: LIST<STRING>  $limit: INTEGER
MATCH (s:User)-[:FOLLOWS]-(candidate:User)
WHERE s.id IN $seedIds AND candidate.consentProfiling = true
WITH candidate, count(DISTINCT s) AS seedLinks
WITH candidate, seedLinks, toFloat(seedLinks) / sqrt(toFloat(COUNT { (candidate)-[:FOLLOWS]-() })) AS score
ORDER BY score DESC
LIMIT $limit
RETURN candidate.id AS userId, score, [] AS labels, seedLinks AS count
