// GDS Louvain on the two-way projection. GDS Louvain takes no random seed; it is
// deterministic when run single-threaded, which is what "reproducible" asks for.
// $graphName: STRING
CALL gds.louvain.stream($graphName, {relationshipWeightProperty: 'weight', concurrency: 1})
YIELD nodeId, communityId
RETURN gds.util.asNode(nodeId).id AS id, communityId
