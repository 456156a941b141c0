// totalCount for `users(filter)`: the filter of users-page.cypher, counted (never collected).
// $ids: LIST<STRING>  $region: STRING  $occupation: STRING  $gender: STRING  $interestId: STRING
// $consentProfiling: BOOLEAN  $consentMarketing: BOOLEAN
// $stage: STRING  $newSince: DATETIME  $activeSince: DATETIME  $dormantSince: DATETIME
MATCH (u:User)
WHERE {{user-filter u}}
RETURN count(u) AS total
