// A running import's heartbeat: its process is alive (see mark-abandoned-import-runs.cypher).
// $id: STRING  $now: DATETIME
MATCH (r:ImportRun {id: $id})
WHERE r.status = 'running'
SET r.updatedAt = $now
RETURN r.id AS id
