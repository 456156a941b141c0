// Who refers to a segment, before it is deleted: RULE segments and rule tags whose stored rule
// names it in a `segment` condition. Rules are stored as JSON text, so `$needle` (the
// `"segmentId":"<id>"` pair as JSON writes it) narrows by text; the caller parses each rule
// to be sure. Segments and tags are few (tags at most 200): a scan of their labels.
// $id: STRING  $needle: STRING
CALL () {
  OPTIONAL MATCH (s:Segment)
  WHERE s.id <> $id AND s.rule CONTAINS $needle
  RETURN collect(s {.id, .name, .rule}) AS segments
}
CALL () {
  OPTIONAL MATCH (t:Tag)
  WHERE t.rule CONTAINS $needle
  RETURN collect(t {.name, .rule}) AS tags
}
RETURN segments, tags
