// The first statement of a claim (src/tags/refresh-queue.ts): refreshers claim requests and fold
// their signals one transaction at a time, so a request is never claimed twice at once, its
// signals are folded exactly once (a claim retaken after its lease ran out finds them folded),
// and folds run in the order requests were claimed. The later statements of the transaction read
// the requests as the previous holder committed them.
// $now: DATETIME
MERGE (l:TagRefreshLock {id: 'claims'})
SET l.at = $now
RETURN l.id AS id
