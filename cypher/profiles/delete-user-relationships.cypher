// Right to be forgotten, step 2 of 3: up to $batch of the user's relationships per
// transaction, repeated until none are left, so a user with millions of follows or events
// never needs one huge transaction (issue 12).
// $id: STRING  $batch: INTEGER
MATCH (:User {id: $id})-[r]-()
WITH r LIMIT $batch
DELETE r
RETURN count(*) AS deleted
