// A page of interest vectors (interest-vectors.ts), stored as a float vector (the compact
// form the vector index reads) and tagged with the job.
// $rows: LIST<MAP{userId: STRING, vector: LIST<FLOAT>}>  $jobId: STRING
UNWIND $rows AS row
MATCH (u:User {id: row.userId})
CALL db.create.setNodeVectorProperty(u, 'interestVector', row.vector)
SET u.interestVectorJob = $jobId
RETURN count(u) AS written
