// KOLs of one community: its members by influence.
// $communityId: STRING  $scoreKey: STRING  $rankKey: STRING  $jobKey: STRING  $jobId: STRING  $limit: INTEGER
MATCH (:Community {id: $communityId})<-[:MEMBER_OF]-(u:User)
WHERE u.consentProfiling = true AND u[$jobKey] = $jobId
WITH u ORDER BY u[$scoreKey] DESC LIMIT $limit
RETURN u {.id, .displayName, .gender, .birthYear, .region, .city, .occupation, .createdAt, .lastActiveAt,
          .consentProfiling, .consentMarketing, .email, .phone} AS user,
       u[$scoreKey] AS score, u[$rankKey] AS rank,
       COUNT { (u)<-[:FOLLOWS]-(:User) } AS followers,
       COUNT { (u)<-[:FOLLOWS]-(f:User)-[:MEMBER_OF]->(:Community {id: $communityId}) } AS topicalReach
