// A batch of products' item neighbours (ALSO_ENGAGED), most similar first, as parallel lists,
// tagged with the job. Each list is replaced whole, so a reader sees one run's list per product.
// $rows: LIST<MAP>  $jobId: STRING
UNWIND $rows AS row
MATCH (p:Product {id: row.productId})
SET p.alsoEngagedIds = row.ids, p.alsoEngagedSimilarities = row.similarities, p.alsoEngagedJob = $jobId
RETURN count(p) AS written
