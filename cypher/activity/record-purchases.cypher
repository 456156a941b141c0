// Purchases: one PURCHASED relationship per (user, product, at). A replayed event finds its
// relationship and changes nothing. Returns the events that were new.
// The service dedupes (user, product, at) within a batch, so rows never race each other.
// $rows: LIST<MAP{userId: STRING, productId: STRING, at: DATETIME, quantity: INTEGER, amount: FLOAT}>
UNWIND $rows AS row
MATCH (u:User {id: row.userId})
MATCH (p:Product {id: row.productId})
OPTIONAL MATCH (u)-[existing:PURCHASED {at: row.at}]->(p)
WITH u, p, row, existing WHERE existing IS NULL
CREATE (u)-[:PURCHASED {at: row.at, quantity: row.quantity, amount: row.amount}]->(p)
RETURN row.userId AS userId, row.productId AS productId, row.at AS at
