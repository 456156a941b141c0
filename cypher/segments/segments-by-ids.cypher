// Saved segments by id.
// $ids: LIST<STRING>
UNWIND $ids AS id
MATCH (s:Segment {id: id})
RETURN s {.id, .name, .kind, .settings, .rule, .seedSize, .size, .createdAt} AS segment
