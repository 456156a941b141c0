// Idempotent: MERGE on (follower, followee); re-running a batch changes nothing.
// $rows: LIST<MAP{followerId: STRING, followeeId: STRING, since: DATETIME, weight: FLOAT}>
UNWIND $rows AS row
MATCH (follower:User {id: row.followerId})
MATCH (followee:User {id: row.followeeId})
MERGE (follower)-[f:FOLLOWS]->(followee)
SET f.since = row.since, f.weight = row.weight
RETURN count(f) AS written
