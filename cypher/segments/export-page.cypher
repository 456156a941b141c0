// A page of a saved segment for export to an ad platform, best first (keyset on rank): only
// members who still consent to profiling *and* to marketing (activation is marketing use),
// with the identifiers an ad platform matches on. `withoutConsent` counts the page's members
// left out for consent, so the export can report them.
// $id: STRING  $afterRank: INTEGER  $limit: INTEGER
MATCH (:Segment {id: $id})-[m:INCLUDES]->(u:User)
WHERE m.rank > $afterRank
WITH m, u
ORDER BY m.rank
LIMIT $limit
RETURN m.rank AS rank, m.score AS score, u.id AS userId, u.email AS email, u.phone AS phone,
       u.consentProfiling = true AND u.consentMarketing = true AS consented
