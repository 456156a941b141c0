// The strongest interests of each user in a batch, top $limit per user.
// $userIds: LIST<STRING>  $limit: INTEGER
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
CALL (u) {
  {{strongest-interests u}}
  RETURN i, r
}
RETURN userId, i.id AS interestId, i.name AS name, r.weight AS weight, r.source AS source, r.updatedAt.epochMillis AS updatedAt
