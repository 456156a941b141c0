// The community run readers see (null before the first run).
OPTIONAL MATCH (s:AnalyticsState {id: 'current'})
RETURN s.communityJobId AS jobId
