// Products that had neighbours in an earlier run and have none in this one (nobody consenting
// engaged with them any more) lose their old list.
// $jobId: STRING
MATCH (p:Product)
WHERE p.alsoEngagedJob IS NOT NULL AND p.alsoEngagedJob <> $jobId
REMOVE p.alsoEngagedIds, p.alsoEngagedSimilarities, p.alsoEngagedJob
RETURN count(p) AS cleared
