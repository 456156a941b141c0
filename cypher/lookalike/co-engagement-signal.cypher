// Co-engagement: products the seed bought, viewed or rated, each weighted by the share of the
// seed engaged with it and by its rarity (idf: log(users / engaged users)); a candidate scores
// the sum over the products it engaged with too. $excludeProductIds are left out (to look
// for people like a product's buyers without using that product itself).
// $seedIds: LIST<STRING>  $excludeProductIds: LIST<STRING>  $profileSize: INTEGER  $limit: INTEGER  $userCount: INTEGER
MATCH (s:User)-[:PURCHASED|VIEWED|RATED]->(p:Product)
WHERE s.id IN $seedIds AND NOT p.id IN $excludeProductIds
WITH p, count(DISTINCT s) AS seedUsers
WITH p, seedUsers, COUNT { MATCH (u:User)-[:PURCHASED|VIEWED|RATED]->(p) RETURN DISTINCT u } AS engaged
WITH p, toFloat(seedUsers) / size($seedIds) * log(toFloat($userCount) / engaged) AS weight
ORDER BY weight DESC
LIMIT $profileSize
MATCH (p)<-[:PURCHASED|VIEWED|RATED]-(candidate:User)
WHERE candidate.consentProfiling = true
WITH candidate, p, weight
WITH candidate, collect(DISTINCT p) AS products, sum(weight) AS raw
WITH candidate, products, raw / sqrt(toFloat(COUNT { (candidate)-[:PURCHASED|VIEWED|RATED]->() })) AS score
ORDER BY score DESC
LIMIT $limit
RETURN candidate.id AS userId, score, [p IN products | p.name][0..3] AS labels, size(products) AS count
