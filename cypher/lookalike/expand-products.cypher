// Co-engagement, step 2: the users who bought, viewed or rated any of the seed's top products
// ($productIds, the profile from seed-products.cypher, strongest first), each once, with the
// profile products it engaged with (`items`: indexes into $productIds) and how many
// engagements it has in all. The caller scores and ranks the candidates for every seed
// variant (src/lookalike/signals.ts). Ranking here cost memory in proportion to candidates ×
// variants × profile (1.3 GB of transaction memory on Last.fm with four variants); one row per
// candidate holds only its item indexes, and the profile's fan-out cap bounds the candidates.
// Users without profiling consent never appear; the caller drops seed members. `engagements`
// is the count the TAGS scoring stores (engagementCount, kept fresh by the refresh after each
// write); a user never scored yet is counted here. Consent is read once per candidate, after
// the grouping, not once per engagement (180,000 rows → 118,000 candidates at 1 M users).
// $productIds: LIST<STRING>
UNWIND range(0, size($productIds) - 1) AS index
MATCH (:Product {id: $productIds[index]})<-[:PURCHASED|VIEWED|RATED]-(candidate:User)
WITH candidate, collect(DISTINCT index) AS items
WHERE candidate.consentProfiling = true
RETURN candidate.id AS userId, items, coalesce(candidate.engagementCount, COUNT { (candidate)-[:PURCHASED|VIEWED|RATED]->() }) AS engagements
