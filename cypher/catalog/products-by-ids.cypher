// Products by id, for the productById DataLoader.
// $ids: LIST<STRING>
UNWIND $ids AS id
MATCH (p:Product {id: id})
RETURN p {.id, .name, .category, .brand, .price} AS product
