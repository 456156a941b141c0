// Before a merge: do both users exist, was either already merged (and into whom), and the
// types of the identities each holds (the merged user must not push the survivor over a
// per-type limit).
// $survivorId: STRING  $mergedId: STRING
OPTIONAL MATCH (s:User {id: $survivorId})
OPTIONAL MATCH (m:User {id: $mergedId})
OPTIONAL MATCH (:MergedFrom {id: $mergedId})-[:MERGED_INTO]->(mergedInto:User)
OPTIONAL MATCH (:MergedFrom {id: $survivorId})-[:MERGED_INTO]->(survivorInto:User)
RETURN s IS NOT NULL AS survivorExists, m IS NOT NULL AS mergedExists,
       mergedInto.id AS mergedInto, survivorInto.id AS survivorInto,
       [(s)-[:HAS_IDENTITY]->(i:Identity) | i.type] AS survivorTypes,
       [(m)-[:HAS_IDENTITY]->(i:Identity) | i.type] AS mergedTypes
