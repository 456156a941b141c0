// Co-engagement: from the seed's top products ($profile: one weight per seed variant, the
// share of the variant that engaged with the product times its rarity; 0 where not in that
// variant's profile) to the users who engaged with them. A candidate scores the sum over
// those products, divided by the square root of its own engagement count; the top
// $limits[v] per variant v, best first (ties to the smaller id). `items` are indexes into $profile.
// Users without profiling consent never appear; the caller drops seed members.
// $profile: LIST<MAP>  $limits: LIST<INTEGER>
WITH [item IN $profile | item.weights] AS table
UNWIND range(0, size($profile) - 1) AS index
MATCH (:Product {id: $profile[index].id})<-[:PURCHASED|VIEWED|RATED]-(candidate:User)
WHERE candidate.consentProfiling = true
WITH DISTINCT table, candidate, index
WITH table, candidate, collect(index) AS items
WITH table, candidate, items, 1.0 / sqrt(toFloat(COUNT { (candidate)-[:PURCHASED|VIEWED|RATED]->() })) AS norm
UNWIND range(0, size($limits) - 1) AS variant
WITH variant, candidate.id AS userId, items, norm * reduce(raw = 0.0, j IN items | raw + table[j][variant]) AS score
WHERE score > 0
ORDER BY variant, score DESC, userId
WITH variant, collect([userId, score, items]) AS ranked
UNWIND ranked[0..$limits[variant]] AS hit
RETURN variant, hit[0] AS userId, hit[1] AS score, hit[2] AS items
