// The products bought by most members of a group ({{rule}}, as in distributions.cypher), with
// how many of the profiled population bought each, for TGI.
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
  WITH p, count(DISTINCT u) AS users
  ORDER BY users DESC, p.id
  LIMIT $limit
  CALL (p) {
    MATCH (x:User)-[:PURCHASED]->(p)
    WHERE x.consentProfiling = true
    RETURN count(DISTINCT x) AS holders
  }
  RETURN collect({id: p.id, name: p.name, users: users, holders: holders}) AS traits
}
RETURN population, traits
