// Right to be forgotten, step 2 of 3: up to $batch of the user's relationships per
// transaction, repeated until none are left, so a user with millions of follows or events
// never needs one huge transaction (issue 12). An event of the user's log goes with its DID
// relationship (it has no other).
// $id: STRING  $batch: INTEGER
MATCH (:User {id: $id})-[r]-(other)
WITH r, other LIMIT $batch
DELETE r
FOREACH (event IN CASE WHEN other:Event THEN [other] ELSE [] END | DELETE event)
RETURN count(*) AS deleted
