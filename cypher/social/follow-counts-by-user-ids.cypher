// Follower, following and friend counts per user. COUNT {} on a single hop reads the
// degree from the node's relationship groups; friends need the mutual check.
// $userIds: LIST<STRING>
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
RETURN userId,
       COUNT { (u)<-[:FOLLOWS]-() } AS followers,
       COUNT { (u)-[:FOLLOWS]->() } AS following
