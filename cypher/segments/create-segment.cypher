// A saved audience: the run's settings and figures, so it can be exported and audited later.
// $id: STRING  $name: STRING  $kind: STRING  $settings: STRING  $seedSize: INTEGER  $size: INTEGER  $now: DATETIME
CREATE (s:Segment {id: $id, name: $name, kind: $kind, settings: $settings, seedSize: $seedSize, size: $size, createdAt: $now})
RETURN s {.id, .name, .kind, .settings, .seedSize, .size, .createdAt} AS segment
