// lastActiveAt only moves forward, so replays and late events cannot rewind it.
// $rows: LIST<MAP{userId: STRING, at: DATETIME}>
UNWIND $rows AS row
MATCH (u:User {id: row.userId})
SET u.lastActiveAt = CASE WHEN u.lastActiveAt IS NULL OR row.at > u.lastActiveAt THEN row.at ELSE u.lastActiveAt END
RETURN count(u) AS touched
