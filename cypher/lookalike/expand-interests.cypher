// Interest-profile similarity: from the seed's top interests ($profile: one weight per seed
// variant, 0 where the interest is not in that variant's profile) to the users who hold them.
// A candidate scores the dot product of the profile with its interest weights, divided by the
// square root of its interest count; the top $limits[v] per variant v, best first. One
// traversal scores every variant. `items` are indexes into $profile (the caller names them).
// Users without profiling consent never appear; the caller drops seed members.
// Lists of numbers, not maps, per candidate: aggregating maps for ~50,000 candidates cost more
// than the traversal itself.
// $profile: LIST<MAP>  $limits: LIST<INTEGER>
WITH [item IN $profile | item.weights] AS table
UNWIND range(0, size($profile) - 1) AS index
MATCH (:Interest {id: $profile[index].id})<-[c:INTERESTED_IN]-(candidate:User)
WHERE candidate.consentProfiling = true
WITH table, candidate, collect(index) AS items, collect(c.weight) AS weights
WITH table, candidate, items, weights, 1.0 / sqrt(toFloat(COUNT { (candidate)-[:INTERESTED_IN]->() })) AS norm
UNWIND range(0, size($limits) - 1) AS variant
WITH variant, candidate, items, weights,
     norm * reduce(raw = 0.0, j IN range(0, size(items) - 1) | raw + table[items[j]][variant] * weights[j]) AS score
WHERE score > 0
ORDER BY variant, score DESC
WITH variant, collect([candidate, score, items, weights]) AS ranked
UNWIND ranked[0..$limits[variant]] AS hit
RETURN variant, hit[0].id AS userId, hit[1] AS score, hit[2] AS items, hit[3] AS weights
