// The published spread-maximising KOL order (greedy, so any prefix is the set for that k),
// skipping users who withdrew profiling consent since the run, with the estimated reach of
// each prefix and of the same-sized top-k by PageRank.
// $scoreKey: STRING  $rankKey: STRING  $jobKey: STRING  $jobId: STRING  $limit: INTEGER
MATCH (s:AnalyticsState {id: 'current'})
UNWIND range(0, size(s.kolSetOrder) - 1) AS position
MATCH (u:User {id: s.kolSetOrder[position]})
WHERE u.consentProfiling = true
WITH s, u, position ORDER BY position LIMIT $limit
RETURN {{user-map u}} AS user,
       CASE WHEN u[$jobKey] = $jobId THEN u[$scoreKey] END AS score,
       CASE WHEN u[$jobKey] = $jobId THEN u[$rankKey] END AS rank,
       COUNT { (u)<-[:FOLLOWS]-() } AS followers,
       s.kolSetSpread[position] AS spread,
       s.topKSpread[position] AS topKSpread,
       s.kolProbability AS probability
