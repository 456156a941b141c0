// Benchmarks only: the 3-clause rule of bench:segments (region, interest weight, ≥ 2
// purchases in a window) written by hand, with the same outputs as segments/preview-rule.
// $region: STRING  $interestId: STRING  $minWeight: FLOAT  $since: DATETIME  $atLeast: INTEGER  $sampleSize: INTEGER
MATCH (u:User {region: $region})
WHERE u.consentProfiling = true
  AND EXISTS { (u)-[i:INTERESTED_IN]->(:Interest {id: $interestId}) WHERE i.weight >= $minWeight }
  AND COUNT { (u)-[e:PURCHASED]->() WHERE e.at >= $since } >= $atLeast
WITH u ORDER BY u.id
WITH count(u) AS matched, collect(CASE WHEN u.consentMarketing = true THEN u.id END) AS reachableIds
RETURN matched, size(reachableIds) AS reachable, reachableIds[0..$sampleSize] AS sample
