// A saved audience: the run's settings and figures, so it can be exported and audited later.
// The seed is kept as SEEDED_BY relationships, not as ids in `settings`: erasing a user then
// removes them from the seed too (issue 12).
// $id: STRING  $name: STRING  $kind: STRING  $settings: STRING  $seedSize: INTEGER  $size: INTEGER  $now: DATETIME  $seedIds: LIST<STRING>
CREATE (s:Segment {id: $id, name: $name, kind: $kind, settings: $settings, seedSize: $seedSize, size: $size, createdAt: $now})
WITH s
CALL (s) {
  UNWIND $seedIds AS seedId
  MATCH (u:User {id: seedId})
  MERGE (s)-[:SEEDED_BY]->(u)
  RETURN count(*) AS seeded
}
RETURN s {.id, .name, .kind, .settings, .rule, .seedSize, .size, .createdAt} AS segment
