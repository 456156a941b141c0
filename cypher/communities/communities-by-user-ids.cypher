// The published community of each user in a batch; none for a user who withdrew profiling
// consent since the run (the membership stays until the next run). Read from the user (a subquery with the
// user bound) so no plan seeks the run's communities and scans their members instead
// (see lookalike/seed-communities.cypher).
// $userIds: LIST<STRING>  $jobId: STRING
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
WHERE u.consentProfiling = true
CALL (u) {
  MATCH (u)-[:MEMBER_OF]->(c:Community)
  WHERE c.jobId = $jobId
  RETURN c
}
RETURN userId, c {.id, .index, .size, .modularityShare} AS community
