// bench:lookalike memory: the holders of the $limit interests held by closest to $target users.
// $target: INTEGER  $limit: INTEGER
MATCH (i:Interest)
WITH i, COUNT { (i)<-[:INTERESTED_IN]-(:User) } AS holders
ORDER BY abs(holders - $target), i.id
LIMIT $limit
MATCH (i)<-[:INTERESTED_IN]-(u:User)
RETURN i.id AS interestId, collect(u.id) AS userIds
