// The product categories bought by most members of a group ({{rule}}, as in
// distributions.cypher), with how many of the profiled population bought in each, for TGI.
// $reachableOnly: BOOLEAN  $limit: INTEGER
CALL () {
  MATCH (x:User)
  WHERE x.consentProfiling = true
  RETURN count(x) AS population
}
CALL () {
  MATCH (u:User)
  WHERE u.consentProfiling = true AND ($reachableOnly = false OR u.consentMarketing = true) AND {{rule}}
  // Members first, then their edges: left to itself the planner may start from every
  // product or interest and test membership per edge (3× slower for a stored segment).
  WITH collect(u) AS members
  UNWIND members AS u
  MATCH (u)-[:PURCHASED]->(p:Product)
  WHERE p.category IS NOT NULL
  WITH p.category AS category, count(DISTINCT u) AS users
  ORDER BY users DESC, category
  LIMIT $limit
  CALL (category) {
    MATCH (x:User)-[:PURCHASED]->(q:Product {category: category})
    WHERE x.consentProfiling = true
    RETURN count(DISTINCT x) AS holders
  }
  RETURN collect({id: category, name: category, users: users, holders: holders}) AS traits
}
RETURN population, traits
