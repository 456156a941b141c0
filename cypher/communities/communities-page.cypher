// A page of the published run's communities, largest first (index order), keyset on index.
// $jobId: STRING  $after: INTEGER  $limit: INTEGER
MATCH (c:Community {jobId: $jobId})
WHERE c.index > $after
RETURN c {.id, .index, .size, .modularityShare} AS community
ORDER BY c.index
LIMIT $limit
