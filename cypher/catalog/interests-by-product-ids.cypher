// Interest tags of each product in a batch, strongest first.
// $productIds: LIST<STRING>
UNWIND $productIds AS productId
MATCH (p:Product {id: productId})-[r:HAS_INTEREST]->(i:Interest)
RETURN productId, i.id AS interestId, i.name AS name, r.weight AS weight
ORDER BY productId, r.weight DESC, i.id
