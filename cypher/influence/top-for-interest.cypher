// KOLs for an interest computed now: the INFLUENCE job keeps each interest's list
// (top-for-interest-kept.cypher), so this runs within a community, or for an interest the
// published run has no list for (docs/ALGORITHMS.md#kols-within-an-interest): influence among the
// audience holding the interest. topicalReach = followers who hold it; score = influence ×
// topicalReach / followers, the share of a user's PageRank that flows in from that audience
// (under uniform follow weights). Local work: it expands from the interest's audience.
// Optionally limited to one community.
// Bounded (issue 12): the audience read is at most $maxAudience consenting holders of the
// interest (first in store order); beyond that, topicalReach counts within that sample.
// $interestId: STRING  $communityId: STRING  $scoreKey: STRING  $rankKey: STRING  $jobKey: STRING  $jobId: STRING  $limit: INTEGER  $maxAudience: INTEGER
MATCH (:Interest {id: $interestId})<-[:INTERESTED_IN]-(f:User)
WHERE f.consentProfiling = true
WITH f LIMIT $maxAudience
MATCH (f)-[:FOLLOWS]->(u:User)
WHERE u.consentProfiling = true AND u[$jobKey] = $jobId
  AND ($communityId IS NULL OR EXISTS { (u)-[:MEMBER_OF]->(:Community {id: $communityId}) })
WITH u, count(DISTINCT f) AS topicalReach
// The share is of the PageRank, which ran among consenting users: so of consenting followers.
WITH u, topicalReach, COUNT { (u)<-[:FOLLOWS]-() } AS followers,
     COUNT { (u)<-[:FOLLOWS]-(c:User) WHERE c.consentProfiling = true } AS consentingFollowers
WITH u, topicalReach, followers, u[$scoreKey] * topicalReach / toFloat(consentingFollowers) AS score
ORDER BY score DESC
LIMIT $limit
RETURN {{user-map u}} AS user,
       score, u[$rankKey] AS rank, followers, topicalReach
