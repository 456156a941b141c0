// A page of a saved segment, best first (keyset on rank). A segment is an audience, so its
// members are the users who consent to profiling and to marketing now: whoever withdrew
// either since the segment was saved is left out (as from rule segments and exports).
// $id: STRING  $afterRank: INTEGER  $limit: INTEGER
MATCH (:Segment {id: $id})-[m:INCLUDES]->(u:User)
WHERE m.rank > $afterRank AND u.consentProfiling = true AND u.consentMarketing = true
RETURN u.id AS userId, m.score AS score, m.rank AS rank
ORDER BY m.rank
LIMIT $limit
