// The statistics of the last full tags run; no row before the first.
MATCH (m:TagModel {id: 'current'})
RETURN m.computedAt AS computedAt, m.rfmCuts AS rfmCuts, m.churnStats AS churnStats
