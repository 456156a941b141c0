// Benchmarks only: the most common region and interest, so bench:segments's rule selects a
// sizeable group on any generated graph.
CALL () {
  MATCH (u:User) WHERE u.region IS NOT NULL
  RETURN u.region AS region, count(*) AS users ORDER BY users DESC, region LIMIT 1
}
CALL () {
  MATCH (:User)-[:INTERESTED_IN]->(i:Interest)
  RETURN i.id AS interestId, count(*) AS holders ORDER BY holders DESC, interestId LIMIT 1
}
RETURN region, interestId
