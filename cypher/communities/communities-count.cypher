// totalCount of the published run's communities.
// $jobId: STRING
MATCH (c:Community {jobId: $jobId})
RETURN count(c) AS total
