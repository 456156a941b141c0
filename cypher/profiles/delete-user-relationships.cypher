// Right to be forgotten, step 2 of 3: up to $batch of the user's relationships per
// transaction, repeated until none are left, so a user with millions of follows or events
// never needs one huge transaction (issue 12). An event of the user's log goes with its DID
// relationship (it has no other). The records of ids merged into the user stay linked until
// step 3, so an erasure interrupted here and asked again under a merged id still finds them.
// $id: STRING  $batch: INTEGER
MATCH (:User {id: $id})-[r]-(other)
WHERE NOT other:MergedFrom
WITH r, other LIMIT $batch
DELETE r
FOREACH (event IN CASE WHEN other:Event THEN [other] ELSE [] END | DELETE event)
RETURN count(*) AS deleted
