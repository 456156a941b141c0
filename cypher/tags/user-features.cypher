// What value tiers (RFM) and churn risk are computed from, for the given users at $now
// (src/tags/value-tiers.ts, churn-model.ts). Events are purchases and ratings, each at its
// time, and views, one per product at its last time. Friends are the users followed or
// following; one who has gone quiet has no activity since $since90. Users without profiling
// consent are never scored, so they are not returned.
// $ids: LIST<STRING>  $since90: DATETIME  $since180: DATETIME  $since365: DATETIME
UNWIND $ids AS id
MATCH (u:User {id: id})
WHERE u.consentProfiling = true
CALL (u) {
  OPTIONAL MATCH (u)-[e:PURCHASED|RATED|VIEWED]->(p:Product)
  WITH p, e, type(e) = 'PURCHASED' AS bought, coalesce(e.at, e.lastAt) AS at, coalesce(e.amount, 0.0) AS amount
  RETURN
    max(at) AS lastEventAt,
    count(CASE WHEN at >= $since90 THEN 1 END) AS recentEvents,
    count(CASE WHEN at >= $since180 AND at < $since90 THEN 1 END) AS previousEvents,
    sum(CASE WHEN bought AND at >= $since90 THEN amount ELSE 0.0 END) AS recentSpend,
    sum(CASE WHEN bought AND at >= $since180 AND at < $since90 THEN amount ELSE 0.0 END) AS previousSpend,
    count(DISTINCT CASE WHEN at >= $since180 THEN p END) AS engagedProducts,
    max(CASE WHEN bought THEN at END) AS lastPurchaseAt,
    count(CASE WHEN bought AND at >= $since365 THEN 1 END) AS purchases,
    sum(CASE WHEN bought AND at >= $since365 THEN amount ELSE 0.0 END) AS spend
}
CALL (u) {
  OPTIONAL MATCH (u)-[:FOLLOWS]-(f:User)
  WITH DISTINCT f
  RETURN
    count(f) AS friends,
    count(CASE WHEN f IS NOT NULL AND (f.lastActiveAt IS NULL OR f.lastActiveAt < $since90) THEN 1 END) AS friendsInactive
}
RETURN u.id AS id,
  coalesce(lastEventAt.epochMillis, -1) AS lastEventAt,
  coalesce(u.lastActiveAt.epochMillis, -1) AS lastActiveAt,
  coalesce(u.createdAt.epochMillis, -1) AS createdAt,
  recentEvents, previousEvents, recentSpend, previousSpend, engagedProducts,
  coalesce(lastPurchaseAt.epochMillis, -1) AS lastPurchaseAt, purchases, spend,
  friends, friendsInactive
