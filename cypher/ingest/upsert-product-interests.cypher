// Interest tags of products, idempotent: MERGE on (product, interest), weight set from the
// source. A pair repeated within the batch collapses to its last row; created, updated and
// unchanged pairs are counted and only the first two written (see upsert-follows.cypher).
// $rows: LIST<MAP{productId: STRING, interestId: STRING, weight: FLOAT}>
UNWIND $rows AS input
WITH input.productId AS productId, input.interestId AS interestId, collect(input)[-1] AS row
MATCH (p:Product {id: productId})
MATCH (i:Interest {id: interestId})
OPTIONAL MATCH (p)-[old:HAS_INTEREST]->(i)
WITH p, i, row, old IS NULL AS created, old IS NOT NULL AND coalesce(old.weight <> row.weight, true) AS updated
MERGE (p)-[r:HAS_INTEREST]->(i)
FOREACH (_ IN CASE WHEN created OR updated THEN [1] ELSE [] END | SET r.weight = row.weight)
RETURN count(CASE WHEN created THEN 1 END) AS created, count(CASE WHEN updated THEN 1 END) AS updated,
       count(CASE WHEN NOT created AND NOT updated THEN 1 END) AS unchanged
