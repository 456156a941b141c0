// A durable request to refresh the scores and rule tags of the users a write touched, created in
// the write's own transaction: it commits with the events or not at all, so a process that dies
// after the commit leaves the request for any refresher (src/tags/refresh-queue.ts) to take.
// One node per write, whatever its size; refreshers delete it once they have refreshed its users.
// $userIds: LIST<STRING>  $now: DATETIME
CREATE (r:TagRefreshRequest {userIds: $userIds, queuedAt: $now})
RETURN size(r.userIds) AS queued
