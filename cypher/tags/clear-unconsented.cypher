// Users who withdrew profiling consent lose every score and tag the job once gave them.
MATCH (u:User)
WHERE coalesce(u.consentProfiling, false) = false
  AND (u.scoresComputedAt IS NOT NULL OR u.propensityComputedAt IS NOT NULL OR EXISTS { (u)-[:HAS_TAG]->(:Tag) })
REMOVE u.valueTier, u.rfm, u.churnRisk, u.churnReasons, u.churnFeatures, u.engagementCount, u.scoresComputedAt,
  u.propensityCategories, u.propensityProbabilities, u.propensityReasons,
  u.propensityInterestIds, u.propensityInterestProbabilities, u.propensityInterestReasons, u.propensityHorizonDays, u.propensityComputedAt
WITH u
OPTIONAL MATCH (u)-[h:HAS_TAG]->(:Tag)
DELETE h
RETURN count(DISTINCT u) AS cleared
