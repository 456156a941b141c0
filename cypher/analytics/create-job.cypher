// Step 2 of starting a job: the job node, visible to every API replica (jobs live in the graph,
// not in memory), and the locks of its kinds pointing at it (claim-kinds.cypher found them free).
// $id: STRING  $kinds: LIST<STRING>  $backend: STRING  $seed: INTEGER  $now: DATETIME
CREATE (j:AnalyticsJob {id: $id, kinds: $kinds, backend: $backend, seed: $seed, status: 'RUNNING', progress: 0.0,
                        phase: 'queued', createdAt: $now, startedAt: $now, updatedAt: $now})
WITH j
CALL (j) {
  MATCH (l:AnalyticsLock)
  WHERE l.kind IN $kinds
  SET l.jobId = j.id
  RETURN count(l) AS locked
}
RETURN j {.*} AS job
