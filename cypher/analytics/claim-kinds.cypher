// Step 1 of starting a job (jobs.ts, JobStore.create): one lock node per analytics kind, so
// only one job per kind runs at a time across every API replica and CLI. Writing the lock
// first takes its write lock, so a concurrent start waits here until this transaction ends and
// then reads the job it committed (a read alone would not wait). Returns the jobs that hold a
// kind and are alive: RUNNING with a heartbeat since $staleBefore. $kinds come sorted, so two
// starts lock in the same order.
// $kinds: LIST<STRING>  $now: DATETIME  $staleBefore: DATETIME
UNWIND $kinds AS kind
MERGE (l:AnalyticsLock {kind: kind})
SET l.claimedAt = $now
WITH l
OPTIONAL MATCH (held:AnalyticsJob {id: l.jobId})
WHERE held.status = 'RUNNING' AND held.updatedAt >= $staleBefore
WITH l, held
WHERE held IS NOT NULL
RETURN l.kind AS kind, held.id AS jobId, held.createdAt AS createdAt
