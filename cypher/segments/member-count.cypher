// Current members of a saved segment: profiling and marketing consent re-checked, as in
// members-page.cypher.
// $id: STRING
MATCH (:Segment {id: $id})-[:INCLUDES]->(u:User)
WHERE u.consentProfiling = true AND u.consentMarketing = true
RETURN count(u) AS total
