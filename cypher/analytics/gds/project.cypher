// GDS projection of the follow graph among consenting users, weighted, with the Cypher
// aggregation projection (gds.graph.project as a function; the legacy .cypher procedure is
// deprecated). The consent filter is why it is not a native projection. Every consenting user
// is a node, followed or not. Community detection asks for the undirected view
// ($bothDirections): each follow then counts both ways, as a→b plus b→a did before.
// Dropped in `finally`.
// $graphName: STRING  $bothDirections: BOOLEAN
MATCH (a:User)
WHERE a.consentProfiling = true
OPTIONAL MATCH (a)-[f:FOLLOWS]->(b:User)
WHERE b.consentProfiling = true
WITH gds.graph.project(
  $graphName, a, b,
  {relationshipType: CASE WHEN b IS NULL THEN null ELSE 'FOLLOWS' END,
   relationshipProperties: CASE WHEN b IS NULL THEN null ELSE {weight: coalesce(f.weight, 1.0)} END},
  {undirectedRelationshipTypes: CASE WHEN $bothDirections THEN ['FOLLOWS'] ELSE [] END}
) AS graph
RETURN graph.nodeCount AS nodeCount, graph.relationshipCount AS relationshipCount
