// Interest-profile similarity, step 2 when the profile's holders are too many to read (every
// interest held by ~300,000 users at a million): the $k users whose interest vectors score
// highest against the profile's weights ($weights, one per $interestIds; the lookalike sends
// the whole seed's), through user_interests_mips (src/lookalike/interest-vectors.ts), with the
// profile interests each vector holds (`items`: indexes into $interestIds) and its values on
// them (`weights`: its interest weights already over √(its interest count), so the caller's
// inner product is the signal's score). Consenting users only.
// One row per candidate: collecting them into one row's list cost ~0.5 s of the server's time
// for 21,000 candidates at a million users, twice what the index search takes. `indexed` is
// false before a RECOMMENDATIONS run has written the vectors (the caller then reads the
// holders); a row without a userId only carries `indexed` (no vectors, or no candidate).
// $interestIds: LIST<STRING>  $weights: LIST<FLOAT>  $k: INTEGER  $dimensions: INTEGER
OPTIONAL MATCH (s:AnalyticsState {id: 'current'})
WITH s.interestVectorsJob IS NOT NULL AS indexed
OPTIONAL CALL (indexed) {
  WITH indexed WHERE indexed
  UNWIND range(0, size($interestIds) - 1) AS index
  OPTIONAL MATCH (i:Interest {id: $interestIds[index]})
  WITH index, coalesce(i.vectorDim, -1) AS dimension ORDER BY index
  WITH collect(dimension) AS dims
  WITH dims, [d IN range(0, $dimensions - 1) | reduce(v = 0.0, j IN range(0, size(dims) - 1) | v + CASE WHEN dims[j] = d THEN $weights[j] ELSE 0.0 END)] AS vector
  WHERE any(v IN vector WHERE v <> 0.0)
  CALL db.index.vector.queryNodes('user_interests_mips', $k, vector) YIELD node
  WITH dims, node
  WHERE node.consentProfiling = true
  WITH node, node.interestVector AS x, dims
  WITH node, x, dims, [j IN range(0, size(dims) - 1) WHERE dims[j] >= 0 AND x[dims[j]] > 0] AS items
  RETURN node.id AS userId, items, [j IN items | x[dims[j]]] AS weights
}
RETURN indexed, userId, items, weights
