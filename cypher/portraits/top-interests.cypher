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
  MATCH (u)-[:INTERESTED_IN]->(i:Interest)
  WITH i, count(u) AS users
  ORDER BY users DESC, i.id
  LIMIT $limit
  RETURN collect({id: i.id, name: i.name, users: users,
    holders: COUNT { (i)<-[:INTERESTED_IN]-(x:User) WHERE x.consentProfiling = true }}) AS traits
}
RETURN population, traits
