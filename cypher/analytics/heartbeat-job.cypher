// A running job's heartbeat: its process is alive (see fail-abandoned-jobs.cypher).
// $id: STRING  $now: DATETIME
MATCH (j:AnalyticsJob {id: $id})
WHERE j.status = 'RUNNING'
SET j.updatedAt = $now
RETURN j.id AS id
