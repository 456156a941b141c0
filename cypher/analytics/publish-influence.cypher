// Makes a finished influence run the one readers see, in one small transaction, with the
// lists computed from it: top influencers, and the KOL orders with their reach curves, flat
// (lists cannot nest in properties): kolSetOrder[block × stride + i] for block 0 (robust) and
// 1 + j (for kolProbabilities[j]); kolSetSpread[(block × P + j) × stride + i] the reach of that
// prefix at probability j; topKSpread[j × stride + i] the top-k by PageRank's.
// $jobId: STRING  $slot: STRING  $count: INTEGER  $topUserIds: LIST<STRING>  $kolSetOrder: LIST<STRING>
// $kolSetSpread: LIST<FLOAT>  $topKSpread: LIST<FLOAT>  $kolProbabilities: LIST<FLOAT>  $kolStride: INTEGER
MERGE (s:AnalyticsState {id: 'current'})
SET s.influenceJobId = $jobId, s.influenceSlot = $slot, s.influenceCount = $count, s.topInfluencers = $topUserIds,
    s.kolSetOrder = $kolSetOrder, s.kolSetSpread = $kolSetSpread, s.topKSpread = $topKSpread,
    s.kolProbabilities = $kolProbabilities, s.kolStride = $kolStride
REMOVE s.kolProbability
RETURN s.influenceJobId AS jobId
