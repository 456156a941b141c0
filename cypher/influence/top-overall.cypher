// Overall KOLs: the published run's top influencers (kept on the state node, so no scan),
// minus anyone who has withdrawn profiling consent since.
// $scoreKey: STRING  $rankKey: STRING  $jobKey: STRING  $jobId: STRING  $limit: INTEGER
MATCH (s:AnalyticsState {id: 'current'})
UNWIND s.topInfluencers AS userId
MATCH (u:User {id: userId})
WHERE u.consentProfiling = true AND u[$jobKey] = $jobId
WITH u LIMIT $limit
RETURN {{user-map u}} AS user,
       u[$scoreKey] AS score, u[$rankKey] AS rank, COUNT { (u)<-[:FOLLOWS]-() } AS followers, null AS topicalReach
ORDER BY score DESC
