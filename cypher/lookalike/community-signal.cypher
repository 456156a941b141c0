// Community overlap: a candidate scores the share of the seed in its published community,
// relative to that community's share of all users (lift); only communities over-represented
// in the seed contribute.
// $seedIds: LIST<STRING>  $limit: INTEGER  $userCount: INTEGER
MATCH (state:AnalyticsState {id: 'current'})
MATCH (s:User)-[:MEMBER_OF]->(c:Community {jobId: state.communityJobId})
WHERE s.id IN $seedIds
WITH c, count(s) AS seedMembers
WITH c, (toFloat(seedMembers) / size($seedIds)) / (toFloat(c.size) / $userCount) AS lift
WHERE lift > 1.0
MATCH (c)<-[:MEMBER_OF]-(candidate:User)
WHERE candidate.consentProfiling = true
WITH candidate, lift AS score
ORDER BY score DESC
LIMIT $limit
RETURN candidate.id AS userId, score, [] AS labels, 0 AS count
