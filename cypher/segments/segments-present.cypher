// Step 2 of saving a rule that names segments (lock-segments.cypher): how many of them exist now.
// $ids: LIST<STRING>
UNWIND $ids AS id
MATCH (s:Segment {id: id})
RETURN count(s) AS present
