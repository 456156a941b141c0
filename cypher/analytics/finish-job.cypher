// Ends a job: SUCCEEDED with its figures, or FAILED with a readable error and its code (job-errors.ts; the previous results stay published).
// $id: STRING  $status: STRING  $error: STRING  $errorCode: STRING  $now: DATETIME  $stats: MAP
MATCH (j:AnalyticsJob {id: $id})
SET j += $stats, j.status = $status, j.error = $error, j.errorCode = $errorCode, j.progress = CASE WHEN $status = 'SUCCEEDED' THEN 1.0 ELSE j.progress END,
    j.phase = 'done', j.finishedAt = $now, j.updatedAt = $now
RETURN j {.*} AS job
