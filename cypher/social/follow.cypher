// Idempotent follow. Returns nothing when either user is missing (the service reports which).
// $followerId: STRING  $followeeId: STRING  $weight: FLOAT  $now: DATETIME
MATCH (follower:User {id: $followerId})
MATCH (followee:User {id: $followeeId})
OPTIONAL MATCH (follower)-[existing:FOLLOWS]->(followee)
MERGE (follower)-[f:FOLLOWS]->(followee)
ON CREATE SET f.since = $now
SET f.weight = $weight
RETURN existing IS NULL AS created
