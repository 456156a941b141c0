// A page of a community's consenting members, by user id.
// $communityId: STRING  $after: STRING  $limit: INTEGER
MATCH (:Community {id: $communityId})<-[:MEMBER_OF]-(u:User)
WHERE u.id > $after AND u.consentProfiling = true
RETURN u {.id, .displayName, .gender, .birthYear, .region, .city, .occupation, .createdAt, .lastActiveAt,
          .consentProfiling, .consentMarketing, .email, .phone} AS user
ORDER BY u.id
LIMIT $limit
