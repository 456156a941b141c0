// Mutual-follow counts per user, for friends.totalCount (kept apart: it expands neighbours).
// $userIds: LIST<STRING>
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
RETURN userId, COUNT { (u)-[:FOLLOWS]->(other:User)-[:FOLLOWS]->(u) } AS friends
