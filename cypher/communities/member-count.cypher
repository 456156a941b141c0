// Current consenting members of a community: the totalCount that matches members-page.cypher
// (Community.size is the count at analysis time; consent may have been withdrawn since).
// $communityId: STRING
MATCH (:Community {id: $communityId})<-[:MEMBER_OF]-(u:User)
WHERE u.consentProfiling = true
RETURN count(u) AS total
