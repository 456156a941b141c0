// One published spread-maximising KOL order (greedy, so any prefix is the set for that k):
// block 0 is the robust order for an unknown cascade probability, block 1 + j the order for
// the run's j-th probability. Skips users who withdrew profiling consent since the run, and
// gives each prefix's estimated reach at every probability: of this order, of the order chosen
// for that probability, and of the same-sized top-k by PageRank.
// Layout (analytics/publish-influence): kolSetOrder[block × stride + i];
// kolSetSpread[(block × P + j) × stride + i]; topKSpread[j × stride + i]; P = size(kolProbabilities).
// $scoreKey: STRING  $rankKey: STRING  $jobKey: STRING  $jobId: STRING  $limit: INTEGER  $block: INTEGER
MATCH (s:AnalyticsState {id: 'current'})
WITH s, coalesce(s.kolProbabilities, [s.kolProbability]) AS probabilities,
     coalesce(s.kolStride, size(s.kolSetOrder)) AS stride
WHERE ($block + 1) * stride <= size(s.kolSetOrder)
UNWIND range(0, stride - 1) AS position
WITH s, probabilities, stride, position, s.kolSetOrder[$block * stride + position] AS userId
WHERE userId <> ''
MATCH (u:User {id: userId})
WHERE u.consentProfiling = true
WITH s, probabilities, stride, u, position ORDER BY position LIMIT $limit
RETURN {{user-map u}} AS user,
       CASE WHEN u[$jobKey] = $jobId THEN u[$scoreKey] END AS score,
       CASE WHEN u[$jobKey] = $jobId THEN u[$rankKey] END AS rank,
       COUNT { (u)<-[:FOLLOWS]-() } AS followers,
       [j IN range(0, size(probabilities) - 1) | {
          probability: probabilities[j],
          reach: s.kolSetSpread[($block * size(probabilities) + j) * stride + position],
          best: s.kolSetSpread[((1 + j) * size(probabilities) + j) * stride + position],
          topK: s.topKSpread[j * stride + position]
       }] AS reach
