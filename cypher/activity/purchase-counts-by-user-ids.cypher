// Purchase counts per user, for purchases.totalCount.
// $userIds: LIST<STRING>
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
RETURN userId, COUNT { (u)-[:PURCHASED]->(:Product) } AS total
