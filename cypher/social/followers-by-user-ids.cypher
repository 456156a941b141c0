// A page of followers (by id) for each user in a batch.
// $userIds: LIST<STRING>  $after: STRING  $limit: INTEGER
// $cards: BOOLEAN (true: user cards only, src/profiles/user-cards.ts)
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
CALL (u) {
  {{followers-page u}}
  RETURN other
}
RETURN userId, {{listed-user-map other}} AS user
