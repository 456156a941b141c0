// Records an import run in the graph, so any replica (and `stats`) can see imports and their
// outcome. While it runs, import-run-heartbeat.cypher moves updatedAt forward.
// $id: STRING  $source: STRING  $location: STRING  $startedAt: DATETIME
CREATE (r:ImportRun {id: $id, source: $source, location: $location, startedAt: $startedAt, updatedAt: $startedAt, status: 'running'})
RETURN r.id AS id
