// A batch of computed scores. A null valueTier/rfm (a user who never bought) removes them.
// rfm: [recencyDays, frequency, monetary, R, F, M]; churnFeatures in the order of
// churnFeatureList (src/tags/service.ts).
// $rows: LIST<MAP{id: STRING, valueTier: STRING, rfm: LIST<FLOAT>, churnRisk: FLOAT, churnReasons: LIST<STRING>, churnFeatures: LIST<FLOAT>}>
// $at: DATETIME
UNWIND $rows AS row
MATCH (u:User {id: row.id})
SET u.valueTier = row.valueTier,
  u.rfm = row.rfm,
  u.churnRisk = row.churnRisk,
  u.churnReasons = row.churnReasons,
  u.churnFeatures = row.churnFeatures,
  u.scoresComputedAt = $at
RETURN count(u) AS written
