// GDS Leiden on the two-way (undirected) projection, seeded and single-threaded so the same
// graph and seed give the same partition. gamma is the modularity resolution.
// $graphName: STRING  $seed: INTEGER  $resolution: FLOAT
CALL gds.leiden.stream($graphName, {relationshipWeightProperty: 'weight', randomSeed: $seed, gamma: $resolution, concurrency: 1})
YIELD nodeId, communityId
RETURN gds.util.asNode(nodeId).id AS id, communityId
