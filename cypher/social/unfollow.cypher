// Removes a follow if present; idempotent.
// $followerId: STRING  $followeeId: STRING
MATCH (follower:User {id: $followerId})
MATCH (followee:User {id: $followeeId})
OPTIONAL MATCH (follower)-[f:FOLLOWS]->(followee)
DELETE f
RETURN f IS NOT NULL AS removed
