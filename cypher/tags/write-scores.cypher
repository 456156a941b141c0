// A batch of computed scores. A null valueTier/rfm (a user who never bought) removes them.
// rfm: [recencyDays, frequency, monetary, R, F, M]; churnFeatures in the order of
// churnFeatureList (src/tags/service.ts). engagementCount: the user's purchase, view and rating
// relationships, which the lookalike's co-engagement signal divides by
// (cypher/lookalike/expand-products.cypher): counting them per candidate there cost ~0.45 s of a
// 1 M-user lookalike. Fresh after every write, as the refresh after recordEvents rescores.
// $rows: LIST<MAP{id: STRING, valueTier: STRING, rfm: LIST<FLOAT>, churnRisk: FLOAT, churnReasons: LIST<STRING>, churnFeatures: LIST<FLOAT>, engagementCount: INTEGER}>
// $at: DATETIME
UNWIND $rows AS row
MATCH (u:User {id: row.id})
SET u.valueTier = row.valueTier,
  u.rfm = row.rfm,
  u.churnRisk = row.churnRisk,
  u.churnReasons = row.churnReasons,
  u.churnFeatures = row.churnFeatures,
  u.engagementCount = row.engagementCount,
  u.scoresComputedAt = $at
RETURN count(u) AS written
