// How many members of a group ({{rule}}) hold each of the given interests: the base side of
// a portrait comparison.
// $reachableOnly: BOOLEAN  $interestIds: LIST<STRING>
MATCH (u:User)
WHERE u.consentProfiling = true AND ($reachableOnly = false OR u.consentMarketing = true) AND {{rule}}
// Members first, then their edges: left to itself the planner may start from every
// product or interest and test membership per edge (3× slower for a stored segment).
WITH collect(u) AS members
UNWIND members AS u
MATCH (u)-[:INTERESTED_IN]->(i:Interest)
WHERE i.id IN $interestIds
RETURN i.id AS id, count(u) AS users
