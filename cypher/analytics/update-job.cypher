// Progress of a running job (0..1) and the phase it is in; `updatedAt` is its heartbeat.
// $id: STRING  $progress: FLOAT  $phase: STRING  $now: DATETIME
MATCH (j:AnalyticsJob {id: $id})
SET j.progress = $progress, j.phase = $phase, j.updatedAt = $now
RETURN j.id AS id
