// Tells the interest signal that interest vectors exist (nearest-interest-holders.cypher).
// $jobId: STRING
MERGE (s:AnalyticsState {id: 'current'})
SET s.interestVectorsJob = $jobId
RETURN s.interestVectorsJob AS jobId
