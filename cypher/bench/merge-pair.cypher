// Benchmarks only (bench:identities): two users `$a` and `$b`, each with $each relationships
// (40 % purchases, 30 % views of distinct products, 20 % follows out, 10 % followers in), half
// of the products and neighbours shared, for a merge of a realistic heavy pair.
// $a: STRING  $b: STRING  $each: INTEGER  $now: DATETIME
UNWIND [[$a, 0], [$b, 1]] AS side
MERGE (u:User {id: side[0]})
ON CREATE SET u.createdAt = $now, u.consentProfiling = true, u.consentMarketing = true
WITH u, side[1] AS offset
CALL (u, offset) {
  UNWIND range(0, toInteger($each * 0.4) - 1) AS i
  MATCH (p:Product {id: 'bp-' + toString((i + offset * 500) % 3000)})
  CREATE (u)-[:PURCHASED {at: $now - duration({minutes: i + offset * 7}), quantity: 1, amount: 10.0}]->(p)
  RETURN count(*) AS purchases
}
CALL (u, offset) {
  UNWIND range(0, toInteger($each * 0.3) - 1) AS i
  MATCH (p:Product {id: 'bp-' + toString((i + offset * 1500) % 3000)})
  CREATE (u)-[:VIEWED {count: 2, lastAt: $now}]->(p)
  RETURN count(*) AS views
}
CALL (u, offset) {
  UNWIND range(0, toInteger($each * 0.2) - 1) AS i
  MATCH (x:User {id: 'bu-' + toString(i + offset * 1000)})
  CREATE (u)-[:FOLLOWS {weight: 1.0, since: $now}]->(x)
  RETURN count(*) AS following
}
CALL (u, offset) {
  UNWIND range(0, toInteger($each * 0.1) - 1) AS i
  MATCH (x:User {id: 'bu-' + toString(5000 + i + offset * 500)})
  CREATE (x)-[:FOLLOWS {weight: 1.0, since: $now}]->(u)
  RETURN count(*) AS followers
}
RETURN u.id AS id, COUNT { (u)--() } AS relationships
