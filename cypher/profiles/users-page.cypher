// One page of users in id order (keyset pagination). `u.id > $after` with the uniqueness
// index on User.id lets the planner seek and read in index order, so LIMIT stops early.
// $after: STRING  $limit: INTEGER  $ids: LIST<STRING>  $region: STRING  $occupation: STRING
// $gender: STRING  $interestId: STRING  $consentProfiling: BOOLEAN  $consentMarketing: BOOLEAN
// $stage: STRING  $newSince: DATETIME  $activeSince: DATETIME  $dormantSince: DATETIME
MATCH (u:User)
WHERE u.id > $after
  AND ($ids IS NULL OR u.id IN $ids)
  AND ($region IS NULL OR u.region = $region)
  AND ($occupation IS NULL OR u.occupation = $occupation)
  AND ($gender IS NULL OR u.gender = $gender)
  AND ($consentProfiling IS NULL OR u.consentProfiling = $consentProfiling)
  AND ($consentMarketing IS NULL OR u.consentMarketing = $consentMarketing)
  AND ($interestId IS NULL OR EXISTS { (u)-[:INTERESTED_IN]->(:Interest {id: $interestId}) })
  AND ($stage IS NULL OR $stage = CASE
        WHEN u.createdAt >= $newSince THEN 'NEW'
        WHEN u.lastActiveAt >= $activeSince THEN 'ACTIVE'
        WHEN u.lastActiveAt >= $dormantSince THEN 'DORMANT'
        ELSE 'CHURNED' END)
RETURN {{user-map u}} AS user
ORDER BY u.id
LIMIT $limit
