// Current consenting members of each community in a batch: the totalCount that matches
// members-by-community-ids.cypher (Community.size is the count at analysis time; consent may
// have been withdrawn since).
// $communityIds: LIST<STRING>
UNWIND $communityIds AS communityId
MATCH (c:Community {id: communityId})
RETURN communityId, COUNT { (c)<-[:MEMBER_OF]-(u:User) WHERE u.consentProfiling = true } AS total
