// Identities of users, for the User.identities DataLoader, in link order.
// $ids: LIST<STRING>
UNWIND $ids AS id
MATCH (:User {id: id})-[l:HAS_IDENTITY]->(i:Identity)
WITH id, i, l ORDER BY l.at, i.key
RETURN id, collect({type: i.type, value: i.value, namespace: i.namespace, linkedAt: l.at}) AS identities
