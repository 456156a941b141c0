// Who holds each of these identities now: the first statement of resolving events keyed by
// identity. Keys not held by anyone are left out.
// $keys: LIST<STRING>
UNWIND $keys AS key
MATCH (:Identity {key: key})<-[:HAS_IDENTITY]-(u:User)
RETURN key, u.id AS userId
