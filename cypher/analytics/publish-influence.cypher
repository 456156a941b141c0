// Makes a finished influence run the one readers see, in one small transaction.
// $jobId: STRING  $slot: STRING  $count: INTEGER  $topUserIds: LIST<STRING>
MERGE (s:AnalyticsState {id: 'current'})
SET s.influenceJobId = $jobId, s.influenceSlot = $slot, s.influenceCount = $count, s.topInfluencers = $topUserIds
RETURN s.influenceJobId AS jobId
