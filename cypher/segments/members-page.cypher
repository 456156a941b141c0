// A page of a saved segment, best first (keyset on rank). Members who have withdrawn
// profiling consent since the segment was saved are left out.
// $id: STRING  $afterRank: INTEGER  $limit: INTEGER
MATCH (:Segment {id: $id})-[m:INCLUDES]->(u:User)
WHERE m.rank > $afterRank AND u.consentProfiling = true
RETURN u.id AS userId, m.score AS score, m.rank AS rank
ORDER BY m.rank
LIMIT $limit
