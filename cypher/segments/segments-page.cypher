// Saved segments, newest first, keyset on (createdAt, id).
// $afterCreatedAt: DATETIME  $afterId: STRING  $limit: INTEGER
MATCH (s:Segment)
WHERE $afterCreatedAt IS NULL OR s.createdAt < $afterCreatedAt OR (s.createdAt = $afterCreatedAt AND s.id > $afterId)
RETURN s {.id, .name, .kind, .settings, .rule, .seedSize, .size, .createdAt} AS segment
ORDER BY s.createdAt DESC, s.id
LIMIT $limit
