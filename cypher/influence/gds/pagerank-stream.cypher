// GDS PageRank with the defaults we document (damping 0.85, 20 iterations, tolerance 1e-7).
// $graphName: STRING
CALL gds.pageRank.stream($graphName, {relationshipWeightProperty: 'weight', dampingFactor: 0.85, maxIterations: 20, tolerance: 0.0000001})
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS id, score
