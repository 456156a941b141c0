// KOLs of each community in a batch: its consenting members by influence, strongest first.
// $communityIds: LIST<STRING>  $scoreKey: STRING  $rankKey: STRING  $jobKey: STRING  $jobId: STRING  $limit: INTEGER
// $cards: BOOLEAN (true: user cards only, src/profiles/user-cards.ts)
UNWIND $communityIds AS communityId
MATCH (c:Community {id: communityId})
CALL (c) {
  MATCH (c)<-[:MEMBER_OF]-(u:User)
  WHERE u.consentProfiling = true AND u[$jobKey] = $jobId
  WITH u ORDER BY u[$scoreKey] DESC, u.id LIMIT $limit
  RETURN u
}
RETURN communityId,
       {{listed-user-map u}} AS user,
       u[$scoreKey] AS score, u[$rankKey] AS rank,
       COUNT { (u)<-[:FOLLOWS]-() } AS followers,
       COUNT { (u)<-[:FOLLOWS]-(f:User)-[:MEMBER_OF]->(c) } AS topicalReach
