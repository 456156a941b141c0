// Purchases: one PURCHASED relationship per (user, product, at). A replayed event finds its
// relationship and changes nothing. Returns the events that were new.
// The service dedupes (user, product, at) within a batch, so rows never race each other.
// Times travel as epoch milliseconds both ways (DATETIME here): packing and unpacking driver
// DateTime values cost the JavaScript side more than the write itself (upsert-follows.cypher).
// $rows: LIST<MAP{userId: STRING, productId: STRING, at: INTEGER (epoch ms), quantity: INTEGER, amount: FLOAT}>
UNWIND $rows AS input
WITH input {.*, at: datetime({epochMillis: toInteger(input.at)})} AS row
MATCH (u:User {id: row.userId})
MATCH (p:Product {id: row.productId})
OPTIONAL MATCH (u)-[existing:PURCHASED {at: row.at}]->(p)
WITH u, p, row, existing WHERE existing IS NULL
CREATE (u)-[:PURCHASED {at: row.at, quantity: row.quantity, amount: row.amount}]->(p)
RETURN row.userId AS userId, row.productId AS productId, row.at.epochMillis AS at
