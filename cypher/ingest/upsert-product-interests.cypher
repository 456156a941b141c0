// Interest tags of products, idempotent: MERGE on (product, interest), weight set from the
// source. Pairs come once per batch (pipeline.ts lastPerKey); created, updated and unchanged
// pairs are counted and only the first two written (see upsert-follows.cypher).
// $rows: LIST<MAP{productId: STRING, interestId: STRING, weight: FLOAT}>
UNWIND $rows AS row
MATCH (p:Product {id: row.productId})
MATCH (i:Interest {id: row.interestId})
MERGE (p)-[r:HAS_INTEREST]->(i)
WITH r, row, size(keys(r)) = 0 AS created
WITH r, row, created, NOT created AND coalesce(r.weight <> row.weight, true) AS updated
FOREACH (_ IN CASE WHEN created OR updated THEN [1] ELSE [] END | SET r.weight = row.weight)
RETURN count(CASE WHEN created THEN 1 END) AS created, count(CASE WHEN updated THEN 1 END) AS updated,
       count(CASE WHEN NOT created AND NOT updated THEN 1 END) AS unchanged
