// Merge, step 1 (all steps run in one transaction, src/identities/merge.ts): the merged
// user's follows, both ways, onto the survivor. A follow both had keeps one relationship with
// the larger weight and the earlier `since`; follows between the two disappear (nobody
// follows themselves).
// $survivorId: STRING  $mergedId: STRING
MATCH (s:User {id: $survivorId}), (m:User {id: $mergedId})
CALL (s, m) {
  MATCH (m)-[between:FOLLOWS]-(s)
  DELETE between
  RETURN count(*) AS dropped
}
CALL (s, m) {
  MATCH (m)-[r:FOLLOWS]->(x:User)
  MERGE (s)-[n:FOLLOWS]->(x)
  ON CREATE SET n.weight = r.weight, n.since = r.since
  ON MATCH SET n.weight = CASE WHEN coalesce(r.weight, 0) > coalesce(n.weight, 0) THEN r.weight ELSE n.weight END,
               n.since = CASE WHEN n.since IS NULL OR r.since < n.since THEN r.since ELSE n.since END
  DELETE r
  RETURN count(*) AS outgoing
}
CALL (s, m) {
  MATCH (x:User)-[r:FOLLOWS]->(m)
  MERGE (x)-[n:FOLLOWS]->(s)
  ON CREATE SET n.weight = r.weight, n.since = r.since
  ON MATCH SET n.weight = CASE WHEN coalesce(r.weight, 0) > coalesce(n.weight, 0) THEN r.weight ELSE n.weight END,
               n.since = CASE WHEN n.since IS NULL OR r.since < n.since THEN r.since ELSE n.since END
  DELETE r
  RETURN count(*) AS incoming
}
RETURN dropped + outgoing + incoming AS moved
