// Each community's portrait: interests held by most of its (consenting) members.
// $communityIds: LIST<STRING>  $limit: INTEGER
UNWIND $communityIds AS communityId
MATCH (c:Community {id: communityId})
CALL (c) {
  MATCH (c)<-[:MEMBER_OF]-(u:User)-[r:INTERESTED_IN]->(i:Interest)
  WHERE u.consentProfiling = true
  WITH i, count(u) AS members, sum(r.weight) AS weight
  RETURN i, members, weight
  ORDER BY members DESC, weight DESC, i.id
  LIMIT $limit
}
RETURN communityId, i.id AS interestId, i.name AS name, members, weight
