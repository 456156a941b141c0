// Influence of a batch of users from the published slot; null for users outside that run and
// for users who withdrew profiling consent since (their scores stay until the next run).
// $userIds: LIST<STRING>  $scoreKey: STRING  $rankKey: STRING  $jobKey: STRING  $jobId: STRING
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
WITH userId, u, u.consentProfiling = true AND u[$jobKey] = $jobId AS current
RETURN userId,
       CASE WHEN current THEN u[$scoreKey] END AS score,
       CASE WHEN current THEN u[$rankKey] END AS rank
