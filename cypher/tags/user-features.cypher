// What value tiers (RFM) and churn risk are computed from, for the given users at $now
// (src/tags/value-tiers.ts, churn-model.ts). Events are purchases and ratings, each at its
// time, and views, one per product at its last time. Friends are the users followed or
// following; one who has gone quiet has no activity since $since90. Users without profiling
// consent are never scored, so they are not returned. `engagements` (purchase, view and rating
// relationships) is stored with the scores for the lookalike's co-engagement normaliser.
// $storedFriends (a refresh after a write): the friend figures the user was last scored with
// (User.churnFeatures at $friendsAt, $friendsInactiveAt), when there are any. An event changes
// its user's own activity, not their friends'; reading every friend was ~45 % of a refresh.
// Friends' activity moves on at the next full run (the TAGS job), which reads them all.
// $ids: LIST<STRING>  $since90: DATETIME  $since180: DATETIME  $since365: DATETIME
// $storedFriends: BOOLEAN  $friendsAt: INTEGER  $friendsInactiveAt: INTEGER
UNWIND $ids AS id
MATCH (u:User {id: id})
WHERE u.consentProfiling = true
// Each engagement reads only the properties its type has: asking a VIEWED for `at` or `amount`
// walks its whole property chain to find nothing. These relationships only ever end at a
// Product, so the end node is not read for its label. Together ~20 % of a refresh's statement
// time (a user with ~60 engagements).
CALL (u) {
  OPTIONAL MATCH (u)-[e:PURCHASED|RATED|VIEWED]->(p)
  WITH p, e, type(e) AS kind
  WITH p, e, kind = 'PURCHASED' AS bought, CASE kind WHEN 'VIEWED' THEN e.lastAt ELSE e.at END AS at
  WITH p, e, bought, at, CASE WHEN bought THEN coalesce(e.amount, 0.0) ELSE 0.0 END AS amount
  RETURN
    count(e) AS engagements,
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
  WITH u WHERE NOT $storedFriends OR u.churnFeatures IS NULL
  OPTIONAL MATCH (u)-[:FOLLOWS]-(f:User)
  // Grouped by u, so a user the filter above dropped yields no row here (not a row of zeros).
  WITH u, collect(DISTINCT f) AS friends
  RETURN
    size(friends) AS friends,
    size([f IN friends WHERE f.lastActiveAt IS NULL OR f.lastActiveAt < $since90]) AS friendsInactive
  UNION ALL
  WITH u WHERE $storedFriends AND u.churnFeatures IS NOT NULL
  RETURN toInteger(u.churnFeatures[$friendsAt]) AS friends, toInteger(u.churnFeatures[$friendsInactiveAt]) AS friendsInactive
}
RETURN u.id AS id,
  coalesce(lastEventAt.epochMillis, -1) AS lastEventAt,
  coalesce(u.lastActiveAt.epochMillis, -1) AS lastActiveAt,
  coalesce(u.createdAt.epochMillis, -1) AS createdAt,
  recentEvents, previousEvents, recentSpend, previousSpend, engagedProducts,
  coalesce(lastPurchaseAt.epochMillis, -1) AS lastPurchaseAt, purchases, spend,
  friends, friendsInactive, engagements
