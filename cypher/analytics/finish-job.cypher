// Ends a job: SUCCEEDED with its figures, or FAILED with the error (the previous results stay published).
// $id: STRING  $status: STRING  $error: STRING  $now: DATETIME  $stats: MAP
MATCH (j:AnalyticsJob {id: $id})
SET j += $stats, j.status = $status, j.error = $error, j.progress = CASE WHEN $status = 'SUCCEEDED' THEN 1.0 ELSE j.progress END,
    j.phase = 'done', j.finishedAt = $now, j.updatedAt = $now
RETURN j {.*} AS job
