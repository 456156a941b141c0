// A page of friends (mutual follows, by id) for each user in a batch.
// $userIds: LIST<STRING>  $after: STRING  $limit: INTEGER
// $cards: BOOLEAN (true: user cards only, src/profiles/user-cards.ts)
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
CALL (u) {
  MATCH (u)-[:FOLLOWS]->(other:User)-[:FOLLOWS]->(u)
  WHERE other.id > $after
  RETURN other
  ORDER BY other.id
  LIMIT $limit
}
RETURN userId, {{listed-user-map other}} AS user
