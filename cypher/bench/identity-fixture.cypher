// Benchmarks only (bench:identities): $users users `bu-<i>` each holding cookie `bc-<i>`, and
// $products products `bp-<i>`, in one batch of ids per call.
// $from: INTEGER  $to: INTEGER  $products: INTEGER  $now: DATETIME
UNWIND range($from, $to - 1) AS i
MERGE (u:User {id: 'bu-' + toString(i)})
ON CREATE SET u.createdAt = $now, u.consentProfiling = true, u.consentMarketing = true
MERGE (c:Identity {key: 'COOKIE_ID:bc-' + toString(i)})
ON CREATE SET c.type = 'COOKIE_ID', c.value = 'bc-' + toString(i), c.createdAt = $now
MERGE (u)-[:HAS_IDENTITY {at: $now}]->(c)
WITH count(*) AS users
UNWIND range(0, $products - 1) AS j
MERGE (p:Product {id: 'bp-' + toString(j)})
ON CREATE SET p.name = 'Product ' + toString(j), p.category = 'c' + toString(j % 20)
RETURN users, count(p) AS products
