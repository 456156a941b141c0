// Recomputes one rule tag for the given users: who matches its rule now holds it (since $at
// when newly earned), who no longer matches loses it. {{rule}} is the tag's rule compiled by
// src/segments/rules.ts, with its values as $r<n> parameters. Users without profiling
// consent never hold a tag.
// $ids: LIST<STRING>  $name: STRING  $at: DATETIME
MATCH (t:Tag {name: $name})
UNWIND $ids AS id
MATCH (u:User {id: id})
WITH t, u, u.consentProfiling = true AND {{rule}} AS holds
CALL (t, u, holds) {
  WITH t, u WHERE holds
  MERGE (u)-[h:HAS_TAG]->(t)
  ON CREATE SET h.at = $at
  RETURN count(*) AS earned
}
CALL (t, u, holds) {
  WITH t, u WHERE NOT holds
  OPTIONAL MATCH (u)-[h:HAS_TAG]->(t)
  DELETE h
  RETURN count(h) AS lost
}
RETURN sum(CASE WHEN holds THEN 1 ELSE 0 END) AS holders, sum(lost) AS lost
