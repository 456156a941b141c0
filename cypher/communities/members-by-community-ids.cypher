// A page of consenting members, by user id, for each community in a batch (Community.members).
// $communityIds: LIST<STRING>  $after: STRING  $limit: INTEGER
// $cards: BOOLEAN (true: user cards only, src/profiles/user-cards.ts)
UNWIND $communityIds AS communityId
MATCH (c:Community {id: communityId})
CALL (c) {
  MATCH (c)<-[:MEMBER_OF]-(u:User)
  WHERE u.id > $after AND u.consentProfiling = true
  WITH u ORDER BY u.id LIMIT $limit
  RETURN u
}
RETURN communityId, {{listed-user-map u}} AS user
