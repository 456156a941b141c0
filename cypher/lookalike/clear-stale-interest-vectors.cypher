// Vectors this run did not write (the user withdrew consent or lost every interest since an
// earlier run) are removed, so the index proposes nobody it should not.
// $jobId: STRING
MATCH (u:User)
WHERE u.interestVectorJob IS NOT NULL AND u.interestVectorJob <> $jobId
REMOVE u.interestVector, u.interestVectorJob
RETURN count(u) AS cleared
