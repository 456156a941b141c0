// Declared interests, idempotent: MERGE on (user, interest). An interest has two parts:
// `declared` (set here, absolute) and `engagement` (decayed events, set by recordEvents);
// `weight` is their sum, so re-importing declarations never erases engagement and vice versa.
// A pair repeated within the batch collapses to its last row; created, updated and unchanged
// pairs are counted and only the first two written (see upsert-follows.cypher).
// $rows: LIST<MAP{userId: STRING, interestId: STRING, weight: FLOAT}>  $now: DATETIME
UNWIND $rows AS input
WITH input.userId AS userId, input.interestId AS interestId, collect(input)[-1] AS row
MATCH (u:User {id: userId})
MATCH (i:Interest {id: interestId})
OPTIONAL MATCH (u)-[old:INTERESTED_IN]->(i)
WITH u, i, row, old IS NULL AS created, old IS NOT NULL AND coalesce(old.declared <> row.weight, true) AS updated
MERGE (u)-[r:INTERESTED_IN]->(i)
FOREACH (_ IN CASE WHEN created OR updated THEN [1] ELSE [] END |
  SET r.declared = row.weight,
      r.weight = row.weight + coalesce(r.engagement, 0.0),
      r.source = CASE WHEN r.engagement IS NULL THEN 'declared' ELSE 'declared+events' END,
      r.updatedAt = coalesce(r.updatedAt, $now))
RETURN count(CASE WHEN created THEN 1 END) AS created, count(CASE WHEN updated THEN 1 END) AS updated,
       count(CASE WHEN NOT created AND NOT updated THEN 1 END) AS unchanged
