// Declared interests, idempotent: MERGE on (user, interest). An interest has two parts:
// `declared` (set here, absolute) and `engagement` (decayed events, set by recordEvents);
// `weight` is their sum, so re-importing declarations never erases engagement and vice versa.
// Pairs come once per batch (pipeline.ts lastPerKey); created, updated and unchanged pairs are
// counted and only the first two written (see upsert-follows.cypher).
// $rows: LIST<MAP{userId: STRING, interestId: STRING, weight: FLOAT}>  $now: DATETIME
UNWIND $rows AS row
MATCH (u:User {id: row.userId})
MATCH (i:Interest {id: row.interestId})
MERGE (u)-[r:INTERESTED_IN]->(i)
WITH r, row, size(keys(r)) = 0 AS created
WITH r, row, created, NOT created AND coalesce(r.declared <> row.weight, true) AS updated
FOREACH (_ IN CASE WHEN created OR updated THEN [1] ELSE [] END |
  SET r.declared = row.weight,
      r.weight = row.weight + coalesce(r.engagement, 0.0),
      r.source = CASE WHEN r.engagement IS NULL THEN 'declared' ELSE 'declared+events' END,
      r.updatedAt = coalesce(r.updatedAt, $now))
RETURN count(CASE WHEN created THEN 1 END) AS created, count(CASE WHEN updated THEN 1 END) AS updated,
       count(CASE WHEN NOT created AND NOT updated THEN 1 END) AS unchanged
