// lastActiveAt only moves forward, so replays and late events cannot rewind it. Users already
// active later are filtered out before SET: no write, no lock (an import's events mostly are).
// $rows: LIST<MAP{userId: STRING, at: INTEGER (epoch ms; see record-views.cypher)}>
UNWIND $rows AS input
WITH input {.*, at: datetime({epochMillis: toInteger(input.at)})} AS row
MATCH (u:User {id: row.userId})
WHERE u.lastActiveAt IS NULL OR row.at > u.lastActiveAt
SET u.lastActiveAt = row.at
RETURN count(u) AS touched
