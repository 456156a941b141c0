// Writes the weights computed by src/activity/interest-weights.ts. Relationships created here
// are marked source 'events'; declared ones keep their source.
// $rows: LIST<MAP{userId: STRING, interestId: STRING, weight: FLOAT, updatedAt: DATETIME}>
UNWIND $rows AS row
MATCH (u:User {id: row.userId})
MATCH (i:Interest {id: row.interestId})
MERGE (u)-[r:INTERESTED_IN]->(i)
ON CREATE SET r.source = 'events'
SET r.weight = row.weight, r.updatedAt = row.updatedAt
RETURN count(r) AS written
