// Writes the engagement computed by src/activity/interest-weights.ts; weight = declared + engagement.
// $rows: LIST<MAP{userId: STRING, interestId: STRING, weight: FLOAT, updatedAt: INTEGER (epoch ms; see record-views.cypher)}>
UNWIND $rows AS input
WITH input {.*, updatedAt: datetime({epochMillis: toInteger(input.updatedAt)})} AS row
MATCH (u:User {id: row.userId})
MATCH (i:Interest {id: row.interestId})
MERGE (u)-[r:INTERESTED_IN]->(i)
SET r.engagement = row.weight,
    r.engagementAt = row.updatedAt,
    r.weight = coalesce(r.declared, 0.0) + row.weight,
    r.source = CASE WHEN r.declared IS NULL THEN 'events' ELSE 'declared+events' END,
    r.updatedAt = row.updatedAt
RETURN count(r) AS written
