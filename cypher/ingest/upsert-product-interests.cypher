// Interest tags of products, idempotent: MERGE on (product, interest), weight set from the source.
// $rows: LIST<MAP{productId: STRING, interestId: STRING, weight: FLOAT}>
UNWIND $rows AS row
MATCH (p:Product {id: row.productId})
MATCH (i:Interest {id: row.interestId})
MERGE (p)-[r:HAS_INTEREST]->(i)
SET r.weight = row.weight
RETURN count(r) AS written
