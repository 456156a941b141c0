// "People like you", step 1: the $k users whose interest vectors score highest against the
// profile (interest weights by interest), through user_interests_mips. The profile becomes a
// vector over the interests' dimensions with 0 in the last one, so cosine with the users'
// augmented vectors ranks by inner product (interest-vectors.ts). `indexed` is false before a
// RECOMMENDATIONS run has written the vectors: the caller then reads the holders.
// $profile: LIST<MAP{interestId: STRING, weight: FLOAT}>  $k: INTEGER  $dimensions: INTEGER
OPTIONAL MATCH (s:AnalyticsState {id: 'current'})
CALL (s) {
  WITH s WHERE s.interestVectorsJob IS NOT NULL
  UNWIND $profile AS item
  MATCH (i:Interest {id: item.interestId})
  WHERE i.vectorDim IS NOT NULL
  WITH collect([i.vectorDim, item.weight]) AS entries
  WITH [d IN range(0, $dimensions - 1) | reduce(v = 0.0, e IN entries | v + CASE WHEN e[0] = d THEN e[1] ELSE 0.0 END)] AS query
  WHERE any(v IN query WHERE v <> 0.0)
  CALL db.index.vector.queryNodes('user_interests_mips', $k, query) YIELD node
  WITH node WHERE node.consentProfiling = true
  RETURN collect(node.id) AS candidates
}
RETURN s.interestVectorsJob IS NOT NULL AS indexed, candidates
