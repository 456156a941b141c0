// Declared interests, idempotent: MERGE on (user, interest).
// $rows: LIST<MAP{userId: STRING, interestId: STRING, weight: FLOAT}>  $now: DATETIME
UNWIND $rows AS row
MATCH (u:User {id: row.userId})
MATCH (i:Interest {id: row.interestId})
MERGE (u)-[r:INTERESTED_IN]->(i)
SET r.weight = row.weight, r.source = 'declared', r.updatedAt = $now
RETURN count(r) AS written
