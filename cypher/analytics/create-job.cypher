// A new analytics job, visible to every API replica (jobs live in the graph, not in memory).
// $id: STRING  $kinds: LIST<STRING>  $backend: STRING  $seed: INTEGER  $now: DATETIME
CREATE (j:AnalyticsJob {id: $id, kinds: $kinds, backend: $backend, seed: $seed, status: 'RUNNING', progress: 0.0,
                        phase: 'queued', createdAt: $now, startedAt: $now, updatedAt: $now})
RETURN j {.*} AS job
