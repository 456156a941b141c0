// KOLs for an interest as the published influence run computed them (interest-kols.ts): one
// interest read and one user seek per KOL, minus anyone who withdrew profiling consent since.
// No rows when the run has no list for the interest (an interest made after it): the service
// then asks top-for-interest.cypher.
// $interestId: STRING  $idsKey: STRING  $scoresKey: STRING  $reachKey: STRING  $kolJobKey: STRING
// $jobKey: STRING  $rankKey: STRING  $jobId: STRING  $limit: INTEGER
MATCH (i:Interest {id: $interestId})
WHERE i[$kolJobKey] = $jobId
UNWIND range(0, size(i[$idsKey]) - 1) AS position
MATCH (u:User {id: i[$idsKey][position]})
WHERE u.consentProfiling = true AND u[$jobKey] = $jobId
WITH i, u, position
ORDER BY position
LIMIT $limit
RETURN {{user-map u}} AS user,
       i[$scoresKey][position] AS score, u[$rankKey] AS rank, COUNT { (u)<-[:FOLLOWS]-() } AS followers,
       i[$reachKey][position] AS topicalReach
