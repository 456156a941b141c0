// The seed's interest profile, one chunk of the seed: each member's interest weights as shares
// of its total (so heavy taggers do not dominate), summed per interest and per fold. The caller
// adds chunks up and divides by the variant's size (src/lookalike/seed-profile.ts). `holders`
// is how far expanding from the interest reaches (a degree count: no traversal).
// $members: LIST<MAP>
UNWIND $members AS member
MATCH (s:User {id: member.id})-[r:INTERESTED_IN]->(i:Interest)
WITH s, member.fold AS fold, collect({interest: i, weight: r.weight}) AS held, sum(r.weight) AS total
WHERE total > 0
UNWIND held AS h
WITH h.interest AS i, fold, sum(h.weight / total) AS share
RETURN i.id AS id, i.name AS name, fold, share, COUNT { (i)<-[:INTERESTED_IN]-() } AS holders
