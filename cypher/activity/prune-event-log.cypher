// Event log retention: deletes up to $limit entries per kind older than $before, with their
// DID relationships. Per kind, so each kind's range is an index seek on Event(kind, at); the
// caller repeats it until nothing is left (one bounded transaction each).
// $kinds: LIST<STRING>  $before: DATETIME  $limit: INTEGER
UNWIND $kinds AS kind
CALL (kind) {
  MATCH (e:Event)
  WHERE e.kind = kind AND e.at < $before
  WITH e LIMIT $limit
  DETACH DELETE e
  RETURN count(*) AS deleted
}
RETURN sum(deleted) AS deleted
