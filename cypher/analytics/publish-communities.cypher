// Makes a finished community run the one readers see; returns the run it replaced.
// $jobId: STRING
MERGE (s:AnalyticsState {id: 'current'})
WITH s, s.communityJobId AS previous
SET s.communityJobId = $jobId
RETURN previous
