// A batch of purchase propensities: per user, the categories most likely to be bought in next
// (highest first), their probabilities, and each one's reasons (factor names joined by ","); the
// same for interests (their ids). Either list may be empty.
// $rows: LIST<MAP{id: STRING, categories: LIST<STRING>, probabilities: LIST<FLOAT>, reasons: LIST<STRING>, interestIds: LIST<STRING>, interestProbabilities: LIST<FLOAT>, interestReasons: LIST<STRING>}>
// $at: DATETIME  $horizonDays: INTEGER
UNWIND $rows AS row
MATCH (u:User {id: row.id})
SET u.propensityCategories = row.categories,
  u.propensityProbabilities = row.probabilities,
  u.propensityReasons = row.reasons,
  u.propensityInterestIds = row.interestIds,
  u.propensityInterestProbabilities = row.interestProbabilities,
  u.propensityInterestReasons = row.interestReasons,
  u.propensityHorizonDays = $horizonDays,
  u.propensityComputedAt = $at
RETURN count(u) AS written
