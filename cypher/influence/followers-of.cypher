// Consenting followers of each candidate, optionally only those holding an interest or in a
// community: the "reach" sets the KOL-set selection covers.
// $userIds: LIST<STRING>  $interestId: STRING  $communityId: STRING
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
OPTIONAL MATCH (u)<-[:FOLLOWS]-(f:User)
WHERE f.consentProfiling = true
  AND ($interestId IS NULL OR EXISTS { (f)-[:INTERESTED_IN]->(:Interest {id: $interestId}) })
  AND ($communityId IS NULL OR EXISTS { (f)-[:MEMBER_OF]->(:Community {id: $communityId}) })
RETURN userId, collect(f.id) AS followers
