// Erasure: saved segments and rule tags whose rule, settings, name or description may hold one
// of a user's contact details (`$needles`, lower-case: the e-mail, the phone's last digits).
// A text narrowing only; the caller compares each value. Segments and tags are few: a scan.
// $needles: LIST<STRING>
CALL () {
  OPTIONAL MATCH (s:Segment)
  WHERE any(needle IN $needles WHERE toLower(coalesce(s.rule, '') + ' ' + coalesce(s.settings, '') + ' ' + coalesce(s.name, '')) CONTAINS needle)
  RETURN collect(s {.id, .name, .rule, .settings}) AS segments
}
CALL () {
  OPTIONAL MATCH (t:Tag)
  WHERE any(needle IN $needles WHERE toLower(coalesce(t.rule, '') + ' ' + coalesce(t.description, '')) CONTAINS needle)
  RETURN collect(t {.name, .rule, .description}) AS tags
}
RETURN segments, tags
