// totalCount for `users(filter)`: the filter of users-page.cypher, counted (never collected).
// `$region IS NULL OR u.region = $region` cannot use an index, so a count over it reads every
// user. Each branch below is driven by one filter through its index (ids > interest > region >
// occupation > gender > profiling consent) and applies the whole filter after; a branch whose
// driving parameter is null (or an earlier branch's is set) yields no rows and counts 0, so the
// sum is the one branch that ran. No filter at all is the label count store: no read at all.
// $ids: LIST<STRING>  $region: STRING  $occupation: STRING  $gender: STRING  $interestId: STRING
// $consentProfiling: BOOLEAN  $consentMarketing: BOOLEAN
// $stage: STRING  $newSince: DATETIME  $activeSince: DATETIME  $dormantSince: DATETIME
CALL () {
  WITH 1 AS driver WHERE $ids IS NOT NULL
  UNWIND $ids AS id
  MATCH (u:User {id: id})
  WHERE {{user-filter u}}
  RETURN count(DISTINCT u) AS total
  UNION ALL
  WITH 1 AS driver WHERE $ids IS NULL AND $interestId IS NOT NULL
  MATCH (:Interest {id: $interestId})<-[:INTERESTED_IN]-(u:User)
  WHERE {{user-filter-props u}}
  RETURN count(u) AS total
  UNION ALL
  WITH 1 AS driver WHERE $ids IS NULL AND $interestId IS NULL AND $region IS NOT NULL
  MATCH (u:User) WHERE u.region = $region AND {{user-filter u}}
  RETURN count(u) AS total
  UNION ALL
  WITH 1 AS driver WHERE $ids IS NULL AND $interestId IS NULL AND $region IS NULL AND $occupation IS NOT NULL
  MATCH (u:User) WHERE u.occupation = $occupation AND {{user-filter u}}
  RETURN count(u) AS total
  UNION ALL
  WITH 1 AS driver WHERE $ids IS NULL AND $interestId IS NULL AND $region IS NULL AND $occupation IS NULL AND $gender IS NOT NULL
  MATCH (u:User) WHERE u.gender = $gender AND {{user-filter u}}
  RETURN count(u) AS total
  UNION ALL
  WITH 1 AS driver WHERE $ids IS NULL AND $interestId IS NULL AND $region IS NULL AND $occupation IS NULL AND $gender IS NULL
    AND $consentProfiling IS NOT NULL
  MATCH (u:User) WHERE u.consentProfiling = $consentProfiling AND {{user-filter u}}
  RETURN count(u) AS total
  UNION ALL
  WITH 1 AS driver WHERE $ids IS NULL AND $interestId IS NULL AND $region IS NULL AND $occupation IS NULL AND $gender IS NULL
    AND $consentProfiling IS NULL AND ($consentMarketing IS NOT NULL OR $stage IS NOT NULL)
  MATCH (u:User) WHERE {{user-filter u}}
  RETURN count(u) AS total
  UNION ALL
  // Counted first (the count store answers it without reading) and dropped when any filter is set.
  MATCH (u:User)
  WITH count(u) AS total
  WHERE $ids IS NULL AND $interestId IS NULL AND $region IS NULL AND $occupation IS NULL AND $gender IS NULL
    AND $consentProfiling IS NULL AND $consentMarketing IS NULL AND $stage IS NULL
  RETURN total
}
RETURN sum(total) AS total
