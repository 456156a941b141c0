// One page of users in id order (keyset pagination). `u.id > $after` with the uniqueness
// index on User.id lets the planner seek and read in index order, so LIMIT stops early.
// $after: STRING  $limit: INTEGER  $ids: LIST<STRING>  $region: STRING  $occupation: STRING
// $gender: STRING  $interestId: STRING  $consentProfiling: BOOLEAN  $consentMarketing: BOOLEAN
// $stage: STRING  $newSince: DATETIME  $activeSince: DATETIME  $dormantSince: DATETIME
MATCH (u:User)
WHERE u.id > $after
  AND {{user-filter u}}
RETURN {{user-map u}} AS user
ORDER BY u.id
LIMIT $limit
