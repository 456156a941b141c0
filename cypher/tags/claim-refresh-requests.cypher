// Takes the oldest refresh requests no live refresher holds: unclaimed, or claimed by one whose
// lease ran out (its process died or stalled). Runs after lock-refresh-claims.cypher in the same
// transaction, so two refreshers never take the same request at once.
// $claim: STRING  $now: DATETIME  $leaseUntil: DATETIME  $limit: INTEGER
MATCH (r:TagRefreshRequest)
WHERE r.claimedUntil IS NULL OR r.claimedUntil < $now
WITH r
ORDER BY r.queuedAt
LIMIT $limit
SET r.claim = $claim, r.claimedUntil = $leaseUntil
RETURN r.userIds AS userIds
