// Counts by label and relationship type (COUNT {} over a bare pattern reads the count store:
// constant time at any size) and data freshness.
// $staleBefore: DATETIME
CALL {
  OPTIONAL MATCH (u:User) WHERE u.lastActiveAt IS NOT NULL
  WITH u ORDER BY u.lastActiveAt DESC LIMIT 1
  RETURN u.lastActiveAt AS lastActivity
}
CALL {
  OPTIONAL MATCH (run:ImportRun)
  WITH run ORDER BY run.startedAt DESC LIMIT 1
  // A run still 'running' whose heartbeat stopped before $staleBefore lost its process.
  RETURN CASE WHEN run IS NULL THEN null ELSE run {.source, .startedAt, .finishedAt, .rows, .rejected,
    status: CASE WHEN run.status = 'running' AND coalesce(run.updatedAt, run.startedAt) < $staleBefore THEN 'abandoned' ELSE run.status END} END AS lastImport
}
RETURN COUNT { (:User) } AS users,
       COUNT { (:Product) } AS products,
       COUNT { (:Interest) } AS interests,
       COUNT { (:Community) } AS communities,
       COUNT { ()-[:FOLLOWS]->() } AS follows,
       COUNT { ()-[:PURCHASED]->() } AS purchased,
       COUNT { ()-[:VIEWED]->() } AS viewed,
       COUNT { ()-[:RATED]->() } AS rated,
       COUNT { ()-[:INTERESTED_IN]->() } AS interestedIn,
       COUNT { ()-[:HAS_INTEREST]->() } AS hasInterest,
       lastActivity, lastImport
