// Before a TAGS run writes purchase propensities: the previous run's go, so a user with no
// recent events (or a run without enough purchases to fit) keeps none that are stale.
MATCH (u:User)
WHERE u.propensityComputedAt IS NOT NULL
REMOVE u.propensityCategories, u.propensityProbabilities, u.propensityReasons,
  u.propensityInterestIds, u.propensityInterestProbabilities, u.propensityInterestReasons, u.propensityHorizonDays, u.propensityComputedAt
RETURN count(u) AS cleared
