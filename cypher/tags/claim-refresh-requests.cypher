// Takes the oldest refresh requests no live refresher holds: unclaimed, or claimed by one whose
// lease ran out (its process died or stalled). Two refreshers claiming at the same moment may
// both take a request; the refresh is idempotent, so that costs work, never correctness, and
// the later claim is the one that finishes it.
// $claim: STRING  $now: DATETIME  $leaseUntil: DATETIME  $limit: INTEGER
MATCH (r:TagRefreshRequest)
WHERE r.claimedUntil IS NULL OR r.claimedUntil < $now
WITH r
ORDER BY r.queuedAt
LIMIT $limit
SET r.claim = $claim, r.claimedUntil = $leaseUntil
RETURN r.userIds AS userIds
