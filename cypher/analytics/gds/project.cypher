// GDS projection of the follow graph among consenting users, weighted. A Cypher projection
// (the consent filter cannot be expressed in a native one); both directions are projected
// for community detection, which needs the undirected view. Dropped in `finally`.
// $graphName: STRING  $bothDirections: BOOLEAN
CALL gds.graph.project.cypher(
  $graphName,
  'MATCH (u:User) WHERE u.consentProfiling = true RETURN id(u) AS id',
  'MATCH (a:User)-[f:FOLLOWS]->(b:User) WHERE a.consentProfiling = true AND b.consentProfiling = true
   RETURN id(a) AS source, id(b) AS target, coalesce(f.weight, 1.0) AS weight
   UNION ALL
   MATCH (a:User)-[f:FOLLOWS]->(b:User) WHERE $bothDirections AND a.consentProfiling = true AND b.consentProfiling = true
   RETURN id(b) AS source, id(a) AS target, coalesce(f.weight, 1.0) AS weight',
  {parameters: {bothDirections: $bothDirections}, validateRelationships: false})
YIELD nodeCount, relationshipCount
RETURN nodeCount, relationshipCount
