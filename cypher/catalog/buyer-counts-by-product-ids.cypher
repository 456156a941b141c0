// Distinct buyers per product, for buyers.totalCount.
// $productIds: LIST<STRING>
UNWIND $productIds AS productId
MATCH (p:Product {id: productId})
RETURN productId, COUNT { MATCH (u:User)-[:PURCHASED]->(p) RETURN DISTINCT u } AS total
