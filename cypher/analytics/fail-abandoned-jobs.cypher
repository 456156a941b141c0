// Marks FAILED the running jobs whose heartbeat stopped before $before: the process running them
// died (a crash, a redeploy, Ctrl-C on the CLI). Should such a job still be alive after all, its
// finish-job.cypher sets the real outcome.
// $before: DATETIME  $now: DATETIME  $error: STRING  $errorCode: STRING
MATCH (j:AnalyticsJob)
WHERE j.status = 'RUNNING' AND j.updatedAt < $before
SET j.status = 'FAILED', j.error = $error, j.errorCode = $errorCode, j.finishedAt = $now
RETURN count(j) AS failed
