// Links identities to users, creating the identity nodes and the anonymous users that events
// with unknown identities call for (ids derived from the identity, so a replay or a concurrent
// batch MERGEs the same user). Setting identitiesUpdatedAt takes the user's write lock first,
// so two batches linking to one user queue up. An identity some other user holds by now (a
// concurrent batch won the race) is left with that user: one identity, one user.
// Anonymous users get no consent at all (null: never asked), not a refusal.
// $rows: LIST<MAP{userId: STRING, identities: LIST<MAP{key: STRING, type: STRING, value: STRING, namespace: STRING}>}>  $now: DATETIME
UNWIND $rows AS row
MERGE (u:User {id: row.userId})
ON CREATE SET u.createdAt = $now, u.anonymous = true, u.sampleKey = rand()
SET u.identitiesUpdatedAt = $now
WITH u, row
UNWIND row.identities AS identity
MERGE (i:Identity {key: identity.key})
ON CREATE SET i.type = identity.type, i.value = identity.value, i.namespace = identity.namespace, i.createdAt = $now
WITH u, i
WHERE NOT EXISTS { (i)<-[:HAS_IDENTITY]-(:User) }
CREATE (u)-[:HAS_IDENTITY {at: $now}]->(i)
RETURN count(*) AS linked
