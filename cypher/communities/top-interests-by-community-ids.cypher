// Each community's portrait: interests held by most of its (consenting) members, ties by id.
// (A tie-break on summed interest weight read every member's weights: a third of a community
// page's database time, for an order no field shows.)
// $communityIds: LIST<STRING>  $limit: INTEGER
UNWIND $communityIds AS communityId
MATCH (c:Community {id: communityId})
CALL (c) {
  MATCH (c)<-[:MEMBER_OF]-(u:User)-[:INTERESTED_IN]->(i:Interest)
  WHERE u.consentProfiling = true
  WITH i, count(u) AS members
  RETURN i, members
  ORDER BY members DESC, i.id
  LIMIT $limit
}
RETURN communityId, i.id AS interestId, i.name AS name, members
