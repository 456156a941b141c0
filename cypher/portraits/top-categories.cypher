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
