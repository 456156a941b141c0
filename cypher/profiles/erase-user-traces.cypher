// Right to be forgotten, step 1 of 3 (docs/API.md#erasure): in one small transaction, the user
// stops counting (consent withdrawn, contact details and interest vector removed), their identities are deleted
// (the limits keep them few; the records of ids merged into them stay until step 3), and their id
// leaves every list stored outside their own relationships: the published top-influencer list
// (filtered), the KOL-set order and each interest's KOL lists in both slots (blanked, so the
// scores and reach curves beside them stay aligned; key names as in INFLUENCE_SLOTS).
// Re-running after an interruption finds nothing left to do and goes on.
// $id: STRING
MATCH (u:User {id: $id})
SET u.consentProfiling = false, u.consentMarketing = false
REMOVE u.email, u.phone, u.interestVector, u.interestVectorJob
WITH u
CALL (u) {
  OPTIONAL MATCH (u)-[:HAS_IDENTITY]->(i:Identity)
  DETACH DELETE i
}
CALL () {
  MATCH (i:Interest)
  WHERE $id IN i.kolIdsA OR $id IN i.kolIdsB
  SET i.kolIdsA = [userId IN i.kolIdsA | CASE WHEN userId = $id THEN '' ELSE userId END],
      i.kolIdsB = [userId IN i.kolIdsB | CASE WHEN userId = $id THEN '' ELSE userId END]
}
OPTIONAL MATCH (s:AnalyticsState {id: 'current'})
FOREACH (state IN CASE WHEN s IS NULL THEN [] ELSE [s] END |
  SET state.topInfluencers = [userId IN coalesce(state.topInfluencers, []) WHERE userId <> $id],
      state.kolSetOrder = [userId IN coalesce(state.kolSetOrder, []) | CASE WHEN userId = $id THEN '' ELSE userId END])
RETURN u.id AS id
