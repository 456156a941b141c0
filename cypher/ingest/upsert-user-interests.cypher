// Declared interests, idempotent: MERGE on (user, interest). An interest has two parts:
// `declared` (set here, absolute) and `engagement` (decayed events, set by recordEvents);
// `weight` is their sum, so re-importing declarations never erases engagement and vice versa.
// $rows: LIST<MAP{userId: STRING, interestId: STRING, weight: FLOAT}>  $now: DATETIME
UNWIND $rows AS row
MATCH (u:User {id: row.userId})
MATCH (i:Interest {id: row.interestId})
MERGE (u)-[r:INTERESTED_IN]->(i)
SET r.declared = row.weight,
    r.weight = row.weight + coalesce(r.engagement, 0.0),
    r.source = CASE WHEN r.engagement IS NULL THEN 'declared' ELSE 'declared+events' END,
    r.updatedAt = coalesce(r.updatedAt, $now)
RETURN count(r) AS written
