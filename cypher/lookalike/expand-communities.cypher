// Community overlap, step 2: the consenting members of the communities where the seed is
// over-represented ($communityIds, from seed-communities.cypher), one row per community
// (`index` into $communityIds) with its members' ids: one row per member cost both sides the
// per-row framing (25,000 rows at a million users, 143 → 64 ms). Every member scores its
// community's lift for a variant, so the caller ranks them per variant (src/lookalike/signals.ts).
// The caller's cover cap bounds the communities asked for. Users without profiling consent
// never appear; the caller drops seed members.
// $communityIds: LIST<STRING>
UNWIND range(0, size($communityIds) - 1) AS index
MATCH (:Community {id: $communityIds[index]})<-[:MEMBER_OF]-(candidate:User)
WHERE candidate.consentProfiling = true
RETURN index, collect(candidate.id) AS userIds
