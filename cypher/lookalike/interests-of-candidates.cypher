// Interest-profile similarity for given candidates (the vector index's, for similarUsers): the
// columns of expand-interests.cypher (which profile interests each holds, its weights on them,
// how many interests it holds in all), so the same scorer ranks them. Consenting users only.
// $interestIds: LIST<STRING>  $userIds: LIST<STRING>
UNWIND $userIds AS userId
MATCH (candidate:User {id: userId})-[c:INTERESTED_IN]->(i:Interest)
WHERE candidate.consentProfiling = true AND i.id IN $interestIds
WITH candidate, [index IN range(0, size($interestIds) - 1) WHERE $interestIds[index] = i.id][0] AS item, c.weight AS weight
// In profile order, as expand-interests.cypher lists them (reasons name tied interests in that order).
WITH candidate, item, weight ORDER BY item
WITH candidate, collect(item) AS items, collect(weight) AS weights
RETURN candidate.id AS userId, items, weights, COUNT { (candidate)-[:INTERESTED_IN]->() } AS interests
