// Interest-profile similarity, step 2: the users who hold any of the seed's top interests
// ($interestIds, the profile from seed-interests.cypher, strongest first), each with the
// profile interests it holds (`items`: indexes into $interestIds), its weights on them, and
// how many interests it holds in all. The caller scores and ranks the candidates for every
// seed variant (src/lookalike/signals.ts): ranking ~27,000 candidates × 4 variants in the
// statement cost as much again as the traversal; in Node it costs a few tens of milliseconds.
// Users without profiling consent never appear; the caller drops seed members.
// $interestIds: LIST<STRING>
UNWIND range(0, size($interestIds) - 1) AS index
MATCH (:Interest {id: $interestIds[index]})<-[c:INTERESTED_IN]-(candidate:User)
WHERE candidate.consentProfiling = true
WITH candidate, collect(index) AS items, collect(c.weight) AS weights
RETURN candidate.id AS userId, items, weights, COUNT { (candidate)-[:INTERESTED_IN]->() } AS interests
