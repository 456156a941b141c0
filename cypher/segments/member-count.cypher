// Current members of a saved segment (consent re-checked).
// $id: STRING
MATCH (:Segment {id: $id})-[:INCLUDES]->(u:User)
WHERE u.consentProfiling = true
RETURN count(u) AS total
