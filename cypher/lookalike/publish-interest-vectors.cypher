// Tells the similar-users statement that interest vectors exist (nearest-by-interests.cypher).
// $jobId: STRING
MERGE (s:AnalyticsState {id: 'current'})
SET s.interestVectorsJob = $jobId
RETURN s.interestVectorsJob AS jobId
