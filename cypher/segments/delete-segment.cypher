// Deletes a segment with its member and seed links (never the users).
// $id: STRING
MATCH (s:Segment {id: $id})
DETACH DELETE s
RETURN count(*) AS deleted
