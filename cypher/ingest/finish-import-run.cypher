// Closes an import run with its outcome.
// $id: STRING  $status: STRING  $finishedAt: DATETIME  $rows: INTEGER  $rejected: INTEGER
MATCH (r:ImportRun {id: $id})
SET r.status = $status, r.finishedAt = $finishedAt, r.rows = $rows, r.rejected = $rejected
RETURN r.id AS id
