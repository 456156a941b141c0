// What a user's tags are read from: the scores of the last tags run (or refresh) and the
// rule tags held. Users without profiling consent show none.
// $ids: LIST<STRING>
UNWIND $ids AS id
MATCH (u:User {id: id})
WHERE u.consentProfiling = true
RETURN id, u.valueTier AS valueTier, u.rfm AS rfm, u.churnRisk AS churnRisk, u.churnReasons AS churnReasons,
  u.churnFeatures AS churnFeatures, u.scoresComputedAt.epochMillis AS scoresComputedAt,
  u.propensityCategories AS propensityCategories, u.propensityProbabilities AS propensityProbabilities,
  u.propensityReasons AS propensityReasons, u.propensityInterestIds AS propensityInterestIds,
  u.propensityInterestProbabilities AS propensityInterestProbabilities, u.propensityInterestReasons AS propensityInterestReasons,
  u.propensityHorizonDays AS propensityHorizonDays,
  u.propensityComputedAt.epochMillis AS propensityComputedAt,
  [(u)-[h:HAS_TAG]->(t:Tag) | {name: t.name, at: h.at.epochMillis}] AS ruleTags
