// How many members of a group ({{rule}}) hold each of the given interests: the base side of
// a portrait comparison.
// $reachableOnly: BOOLEAN  $interestIds: LIST<STRING>
MATCH (u:User)
WHERE u.consentProfiling = true AND ($reachableOnly = false OR u.consentMarketing = true) AND {{rule}}
MATCH (u)-[:INTERESTED_IN]->(i:Interest)
WHERE i.id IN $interestIds
RETURN i.id AS id, count(u) AS users
