// A group's members ({{rule}}) by influence in the published run, strongest first.
// $reachableOnly: BOOLEAN  $scoreKey: STRING  $rankKey: STRING  $jobKey: STRING  $jobId: STRING  $limit: INTEGER
MATCH (u:User)
WHERE u.consentProfiling = true AND ($reachableOnly = false OR u.consentMarketing = true) AND u[$jobKey] = $jobId AND {{rule}}
WITH u
ORDER BY u[$scoreKey] DESC, u.id
LIMIT $limit
RETURN {{user-map u}} AS user,
       u[$scoreKey] AS score, u[$rankKey] AS rank,
       COUNT { (u)<-[:FOLLOWS]-() } AS followers,
       null AS topicalReach
