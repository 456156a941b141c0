// Merge, last step: refuse if any relationship is left (a type the steps before do not know:
// the transaction rolls back rather than lose it); else the survivor takes what it lacks of
// the merged profile, the earlier createdAt and the later lastActiveAt, and the stricter
// consent: withdrawn (false) on either side stays withdrawn; an anonymous profile's unknown
// consent (null: never asked) does not override the consent the person gave. The merged id
// leaves the stored top-influencer, KOL-set and per-interest KOL lists (as on erasure) and is kept as a
// (:MergedFrom) record pointing at the survivor, so `user(id)` and events keyed by it still
// find the person.
// $survivorId: STRING  $mergedId: STRING  $now: DATETIME
MATCH (s:User {id: $survivorId}), (m:User {id: $mergedId})
WITH s, m, [(m)-[r]-() | type(r)] AS left
CALL (s, m, left) {
  WITH s, m WHERE size(left) = 0
  SET s.displayName = coalesce(s.displayName, m.displayName),
      s.gender = coalesce(s.gender, m.gender),
      s.birthYear = coalesce(s.birthYear, m.birthYear),
      s.region = coalesce(s.region, m.region),
      s.city = coalesce(s.city, m.city),
      s.occupation = coalesce(s.occupation, m.occupation),
      s.email = coalesce(s.email, m.email),
      s.phone = coalesce(s.phone, m.phone),
      s.createdAt = CASE WHEN m.createdAt < s.createdAt OR s.createdAt IS NULL THEN m.createdAt ELSE s.createdAt END,
      s.lastActiveAt = CASE WHEN m.lastActiveAt > s.lastActiveAt OR s.lastActiveAt IS NULL THEN m.lastActiveAt ELSE s.lastActiveAt END,
      s.consentProfiling = CASE WHEN s.consentProfiling = false OR m.consentProfiling = false THEN false
                                WHEN s.consentProfiling = true OR m.consentProfiling = true THEN true END,
      s.consentMarketing = CASE WHEN s.consentMarketing = false OR m.consentMarketing = false THEN false
                                WHEN s.consentMarketing = true OR m.consentMarketing = true THEN true END,
      s.anonymous = CASE WHEN s.anonymous = true AND m.anonymous = true THEN true END
  MERGE (f:MergedFrom {id: m.id})
  SET f.mergedAt = $now
  WITH s, m, f
  // An id merged once, used again for a new user and merged again: the record moves on.
  OPTIONAL MATCH (f)-[old:MERGED_INTO]->()
  DELETE old
  CREATE (f)-[:MERGED_INTO]->(s)
  WITH DISTINCT m
  CALL (m) {
    MATCH (i:Interest)
    WHERE $mergedId IN i.kolIdsA OR $mergedId IN i.kolIdsB
    SET i.kolIdsA = [userId IN i.kolIdsA | CASE WHEN userId = $mergedId THEN '' ELSE userId END],
        i.kolIdsB = [userId IN i.kolIdsB | CASE WHEN userId = $mergedId THEN '' ELSE userId END]
  }
  OPTIONAL MATCH (state:AnalyticsState {id: 'current'})
  FOREACH (st IN CASE WHEN state IS NULL THEN [] ELSE [state] END |
    SET st.topInfluencers = [userId IN coalesce(st.topInfluencers, []) WHERE userId <> $mergedId],
        st.kolSetOrder = [userId IN coalesce(st.kolSetOrder, []) | CASE WHEN userId = $mergedId THEN '' ELSE userId END])
  DELETE m
}
RETURN left
