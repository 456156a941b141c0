// Erasure: saved segments and rule tags with a user's contact details replaced (the caller
// rewrote their rule, settings, name and description). In the transaction that forgets them.
// $segments: LIST<MAP>  $tags: LIST<MAP>
CALL () {
  UNWIND $segments AS row
  MATCH (s:Segment {id: row.id})
  SET s.rule = row.rule, s.settings = row.settings, s.name = row.name
}
CALL () {
  UNWIND $tags AS row
  MATCH (t:Tag {name: row.name})
  SET t.rule = row.rule, t.description = row.description
}
RETURN size($segments) + size($tags) AS rewritten
