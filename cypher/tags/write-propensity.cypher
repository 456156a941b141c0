// A batch of purchase propensities: per user, the categories most likely to be bought in next
// (highest first), their probabilities, and each one's reasons (factor names joined by ",").
// $rows: LIST<MAP{id: STRING, categories: LIST<STRING>, probabilities: LIST<FLOAT>, reasons: LIST<STRING>}>
// $at: DATETIME  $horizonDays: INTEGER
UNWIND $rows AS row
MATCH (u:User {id: row.id})
SET u.propensityCategories = row.categories,
  u.propensityProbabilities = row.probabilities,
  u.propensityReasons = row.reasons,
  u.propensityHorizonDays = $horizonDays,
  u.propensityComputedAt = $at
RETURN count(u) AS written
