// A rule segment: its rule is stored (as JSON, validated by compiling it first) and its members
// are evaluated on every read, so they follow the graph and everyone's consent.
// $id: STRING  $name: STRING  $rule: STRING  $now: DATETIME
CREATE (s:Segment {id: $id, name: $name, kind: 'RULE', settings: '{}', rule: $rule, seedSize: 0, size: 0, createdAt: $now, updatedAt: $now})
RETURN s {.id, .name, .kind, .settings, .rule, .seedSize, .size, .createdAt} AS segment
