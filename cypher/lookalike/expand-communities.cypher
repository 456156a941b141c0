// Community overlap: members of the communities where the seed is over-represented ($profile:
// one lift per seed variant, the variant's share in the community over the community's share
// of all users; 0 where not over-represented). The top $limits[v] per variant v, best first.
// Users without profiling consent never appear; the caller drops seed members.
// $profile: LIST<MAP>  $limits: LIST<INTEGER>
UNWIND $profile AS item
MATCH (:Community {id: item.id})<-[:MEMBER_OF]-(candidate:User)
WHERE candidate.consentProfiling = true
UNWIND range(0, size($limits) - 1) AS variant
WITH variant, candidate.id AS userId, item.weights[variant] AS score
WHERE score > 0
ORDER BY variant, score DESC, userId
WITH variant, collect([userId, score]) AS ranked
UNWIND ranked[0..$limits[variant]] AS hit
RETURN variant, hit[0] AS userId, hit[1] AS score, [] AS items
