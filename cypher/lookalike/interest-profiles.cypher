// A page of consenting users with their interest weights, for their interest vectors
// (src/lookalike/interest-vectors.ts; RECOMMENDATIONS job).
// $after: STRING  $limit: INTEGER
MATCH (u:User)
WHERE u.id > $after AND u.consentProfiling = true
WITH u ORDER BY u.id LIMIT $limit
CALL (u) {
  OPTIONAL MATCH (u)-[c:INTERESTED_IN]->(i:Interest)
  RETURN collect({interestId: i.id, weight: c.weight}) AS interests
}
RETURN u.id AS userId, interests
