// Influence of a batch of users from the published slot; null for users outside that run.
// $userIds: LIST<STRING>  $scoreKey: STRING  $rankKey: STRING  $jobKey: STRING  $jobId: STRING
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
RETURN userId,
       CASE WHEN u[$jobKey] = $jobId THEN u[$scoreKey] END AS score,
       CASE WHEN u[$jobKey] = $jobId THEN u[$rankKey] END AS rank
