// A page of purchases per user, newest first; keyset on (at DESC, productId ASC).
// $userIds: LIST<STRING>  $afterAt: DATETIME  $afterProductId: STRING  $limit: INTEGER
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
CALL (u) {
  {{purchases-page u}}
  RETURN r, p
}
RETURN userId, p {.id, .name, .category, .brand, .price} AS product, r.at.epochMillis AS at, r.quantity AS quantity, r.amount AS amount
