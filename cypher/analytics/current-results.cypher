// Which job's results readers see, and in which property slot: the single pointer that makes
// publishing a new result atomic (results are written to the idle slot, then this flips).
OPTIONAL MATCH (s:AnalyticsState {id: 'current'})
RETURN s.influenceJobId AS influenceJobId, s.influenceSlot AS influenceSlot, s.influenceCount AS influenceCount,
       s.communityJobId AS communityJobId
