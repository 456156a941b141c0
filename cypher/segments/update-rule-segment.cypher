// Renames a rule segment and/or replaces its rule (null: keep). Only rule segments change this way.
// $id: STRING  $name: STRING  $rule: STRING  $now: DATETIME
MATCH (s:Segment {id: $id, kind: 'RULE'})
SET s.name = coalesce($name, s.name), s.rule = coalesce($rule, s.rule), s.updatedAt = $now
RETURN s {.id, .name, .kind, .settings, .rule, .seedSize, .size, .createdAt} AS segment
