// lastActiveAt only moves forward, so replays and late events cannot rewind it. Users already
// active later are filtered out before SET: no write, no lock (an import's events mostly are).
// $rows: LIST<MAP{userId: STRING, at: DATETIME}>
UNWIND $rows AS row
MATCH (u:User {id: row.userId})
WHERE u.lastActiveAt IS NULL OR row.at > u.lastActiveAt
SET u.lastActiveAt = row.at
RETURN count(u) AS touched
