// Removes the communities (and memberships) of a run that is no longer published, in batches.
// $jobId: STRING
MATCH (c:Community {jobId: $jobId})
CALL (c) { DETACH DELETE c } IN TRANSACTIONS OF 100 ROWS
