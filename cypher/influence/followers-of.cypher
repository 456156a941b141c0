// Consenting followers of each candidate, optionally only those holding an interest or in a
// community: the "reach" sets the KOL-set selection covers.
// Bounded (issue 12): at most $maxFollowers per candidate (first in store order), so a
// candidate with millions of followers costs a fixed amount; coverage is then a lower bound.
// $userIds: LIST<STRING>  $interestId: STRING  $communityId: STRING  $maxFollowers: INTEGER
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
CALL (u) {
  MATCH (u)<-[:FOLLOWS]-(f:User)
  WHERE f.consentProfiling = true
    AND ($interestId IS NULL OR EXISTS { (f)-[:INTERESTED_IN]->(:Interest {id: $interestId}) })
    AND ($communityId IS NULL OR EXISTS { (f)-[:MEMBER_OF]->(:Community {id: $communityId}) })
  RETURN f LIMIT $maxFollowers
}
RETURN userId, collect(f.id) AS followers
