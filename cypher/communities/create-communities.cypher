// The communities of one run, with their figures. Older runs' nodes stay until cleanup.
// $jobId: STRING  $rows: LIST<MAP{id: STRING, index: INTEGER, size: INTEGER, modularityShare: FLOAT}>
UNWIND $rows AS row
MERGE (c:Community {id: row.id})
SET c.jobId = $jobId, c.index = row.index, c.size = row.size, c.modularityShare = row.modularityShare
RETURN count(c) AS written
