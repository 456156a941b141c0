// "People like you", step 1: the $k users whose interest vectors are nearest the user's
// (user_interest_vector), consenting, not the user. `indexed` is false for a user the last
// RECOMMENDATIONS run wrote no vector for (new since, or no interests): the caller then reads
// the holders of their interests as for any seed.
// $userId: STRING  $k: INTEGER
MATCH (u:User {id: $userId})
CALL (u) {
  WITH u WHERE u.interestVector IS NOT NULL
  CALL db.index.vector.queryNodes('user_interest_vector', $k, u.interestVector) YIELD node
  WITH u, node WHERE node <> u AND node.consentProfiling = true
  RETURN collect(node.id) AS candidates
}
RETURN u.interestVector IS NOT NULL AS indexed, candidates
