// The interests most held in a group ({{rule}}, as in distributions.cypher), with how many of
// the whole profiled population hold each, for TGI (share in the group ÷ share in the
// population × 100).
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
  MATCH (u)-[:INTERESTED_IN]->(i:Interest)
  WITH i, count(u) AS users
  ORDER BY users DESC, i.id
  LIMIT $limit
  RETURN collect({id: i.id, name: i.name, users: users,
    holders: COUNT { (i)<-[:INTERESTED_IN]-(x:User) WHERE x.consentProfiling = true }}) AS traits
}
RETURN population, traits
