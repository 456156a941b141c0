// Makes a finished influence run the one readers see, in one small transaction, with the
// lists computed from it (top influencers; the spread-maximising KOL order and reach curves).
// $jobId: STRING  $slot: STRING  $count: INTEGER  $topUserIds: LIST<STRING>  $kolSetOrder: LIST<STRING>
// $kolSetSpread: LIST<FLOAT>  $topKSpread: LIST<FLOAT>  $kolProbability: FLOAT
MERGE (s:AnalyticsState {id: 'current'})
SET s.influenceJobId = $jobId, s.influenceSlot = $slot, s.influenceCount = $count, s.topInfluencers = $topUserIds,
    s.kolSetOrder = $kolSetOrder, s.kolSetSpread = $kolSetSpread, s.topKSpread = $topKSpread, s.kolProbability = $kolProbability
RETURN s.influenceJobId AS jobId
