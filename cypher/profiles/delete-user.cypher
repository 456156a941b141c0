// Right to be forgotten, step 3 of 3: the records of ids merged into the user (kept until now
// so a re-run under a merged id finds the person), then the user node (DETACH for
// relationships created since step 2 finished).
// $id: STRING
MATCH (u:User {id: $id})
CALL (u) {
  OPTIONAL MATCH (f:MergedFrom)-[:MERGED_INTO]->(u)
  DETACH DELETE f
}
WITH u, COUNT { (u)--() } AS relationships
DETACH DELETE u
RETURN relationships
