// Idempotent batch upsert: MERGE on id; `props` holds only the fields the caller sent
// (a null removes the property). Declared interests, when sent, replace earlier declared ones
// and leave event-derived interests alone.
// $rows: LIST<MAP{id: STRING, props: MAP, interests: LIST<MAP{interestId: STRING, weight: FLOAT}>}>  $now: DATETIME
UNWIND $rows AS row
MERGE (u:User {id: row.id})
ON CREATE SET u.createdAt = $now, u.consentProfiling = false, u.consentMarketing = false
SET u += row.props
WITH u, row
CALL (u, row) {
  WITH u, row WHERE row.interests IS NOT NULL
  OPTIONAL MATCH (u)-[old:INTERESTED_IN {source: 'declared'}]->(:Interest)
  DELETE old
  WITH DISTINCT u, row
  UNWIND row.interests AS declared
  MATCH (i:Interest {id: declared.interestId})
  MERGE (u)-[r:INTERESTED_IN]->(i)
  SET r.weight = declared.weight, r.source = 'declared', r.updatedAt = $now
}
RETURN count(DISTINCT u) AS written
