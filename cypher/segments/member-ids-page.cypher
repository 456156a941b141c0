// Member ids of a saved segment in rank order, a page at a time (keyset on rank): the seed of
// a lookalike built from a segment. Consent is checked by the lookalike's seed check.
// $id: STRING  $afterRank: INTEGER  $limit: INTEGER
MATCH (:Segment {id: $id})-[m:INCLUDES]->(u:User)
WHERE m.rank > $afterRank
RETURN u.id AS userId, m.rank AS rank
ORDER BY m.rank
LIMIT $limit
