// Idempotent batch upsert: MERGE on id; `props` holds only the fields the caller sent
// (a null removes the property). Declared interests, when sent, replace earlier declarations:
// the `declared` part of every INTERESTED_IN is cleared (relationships with no engagement
// left are deleted), then set for the new list. Engagement from events is never touched.
// $rows: LIST<MAP{id: STRING, props: MAP, interests: LIST<MAP{interestId: STRING, weight: FLOAT}>}>  $now: DATETIME
UNWIND $rows AS row
MERGE (u:User {id: row.id})
ON CREATE SET u.createdAt = $now, u.consentProfiling = false, u.consentMarketing = false, u.sampleKey = rand()
SET u += row.props
WITH u, row
CALL (u, row) {
  WITH u, row WHERE row.interests IS NOT NULL
  OPTIONAL MATCH (u)-[old:INTERESTED_IN]->(:Interest) WHERE old.declared IS NOT NULL
  FOREACH (_ IN CASE WHEN old IS NOT NULL AND old.engagement IS NULL THEN [1] ELSE [] END | DELETE old)
  FOREACH (_ IN CASE WHEN old IS NOT NULL AND old.engagement IS NOT NULL THEN [1] ELSE [] END |
    SET old.declared = null, old.weight = old.engagement, old.source = 'events')
  WITH DISTINCT u, row
  UNWIND row.interests AS declared
  MATCH (i:Interest {id: declared.interestId})
  MERGE (u)-[r:INTERESTED_IN]->(i)
  SET r.declared = declared.weight,
      r.weight = declared.weight + coalesce(r.engagement, 0.0),
      r.source = CASE WHEN r.engagement IS NULL THEN 'declared' ELSE 'declared+events' END,
      r.updatedAt = $now
}
RETURN count(DISTINCT u) AS written
