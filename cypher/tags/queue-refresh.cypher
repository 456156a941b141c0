// A durable request to refresh the users a write touched, created in the write's own
// transaction: it commits with the events or not at all, so a process that dies after the commit
// leaves the request for any refresher (src/tags/refresh-queue.ts) to take. One node per write,
// whatever its size; refreshers delete it once they have refreshed its users.
// The write's interest signals travel with it (parallel lists, one entry per signal; none for a
// merge): a refresher folds them into INTERESTED_IN before it rescores
// (cypher/activity/apply-interest-signals.cypher). Folding them in the write itself was ~40 % of
// an event batch's transaction.
// $userIds: LIST<STRING>  $now: DATETIME
// $signalUserIds: LIST<STRING>  $signalProductIds: LIST<STRING>  $signalAts: LIST<FLOAT> (epoch ms)  $signalBases: LIST<FLOAT>
CREATE (r:TagRefreshRequest {userIds: $userIds, queuedAt: $now})
FOREACH (_ IN CASE WHEN size($signalUserIds) > 0 THEN [1] ELSE [] END |
  SET r.signalUserIds = $signalUserIds, r.signalProductIds = $signalProductIds, r.signalAts = $signalAts, r.signalBases = $signalBases)
RETURN size(r.userIds) AS queued
