// Drops a projection; no error if it is already gone.
// $graphName: STRING
CALL gds.graph.drop($graphName, false) YIELD graphName
RETURN graphName
