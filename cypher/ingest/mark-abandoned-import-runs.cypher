// Marks 'abandoned' the running imports whose heartbeat stopped before $before: their process
// was killed (kill -9, a crash, a closed terminal). Re-running the import loses and duplicates
// nothing (imports are idempotent), so the fix for an abandoned run is to run it again.
// $before: DATETIME  $now: DATETIME
MATCH (r:ImportRun)
WHERE r.status = 'running' AND coalesce(r.updatedAt, r.startedAt) < $before
SET r.status = 'abandoned', r.finishedAt = $now
RETURN count(r) AS abandoned
