// Co-engagement, step 2: the users who bought, viewed or rated any of the seed's top products
// ($productIds, the profile from seed-products.cypher, strongest first): one row per product
// (`index` into $productIds) with its consenting engagers, each once, and each engager's
// engagement count in all (`engagements`, the same position). The caller gathers each
// candidate's products and scores and ranks the candidates for every seed variant
// (src/lookalike/signals.ts). Ranking here cost memory in proportion to candidates × variants
// × profile (1.3 GB of transaction memory on Last.fm with four variants); the profile's fan-out
// cap bounds the engagers. One row per product rather than per candidate: 450 rows instead of
// 72,000 at a million users, which saved the server the grouping by candidate and both sides
// the per-row framing (728 → 496 ms). Users without profiling consent never appear; the caller
// drops seed members. `engagements` is the count the TAGS scoring stores (engagementCount, kept
// fresh by the refresh after each write); a user never scored yet is counted here.
// $productIds: LIST<STRING>
UNWIND range(0, size($productIds) - 1) AS index
MATCH (:Product {id: $productIds[index]})<-[:PURCHASED|VIEWED|RATED]-(candidate:User)
WHERE candidate.consentProfiling = true
WITH DISTINCT index, candidate
RETURN index,
       collect(candidate.id) AS userIds,
       collect(coalesce(candidate.engagementCount, COUNT { (candidate)-[:PURCHASED|VIEWED|RATED]->() })) AS engagements
