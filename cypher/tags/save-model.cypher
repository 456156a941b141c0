// The population statistics the last full run scored with, so the incremental refresh after
// recordEvents scores touched users on the same scale. Flat lists: rfmCuts is recency,
// frequency, monetary × 4 quintile cuts; churnStats is (mean, std) per churn factor in
// CHURN_FACTORS order.
// $at: DATETIME  $rfmCuts: LIST<FLOAT>  $churnStats: LIST<FLOAT>  $users: INTEGER  $buyers: INTEGER
MERGE (m:TagModel {id: 'current'})
SET m.computedAt = $at, m.rfmCuts = $rfmCuts, m.churnStats = $churnStats, m.users = $users, m.buyers = $buyers
RETURN m.id AS id
