// Which referenced users and products do not exist; recordEvents writes nothing if any.
// $userIds: LIST<STRING>  $productIds: LIST<STRING>
CALL {
  UNWIND $userIds AS id
  OPTIONAL MATCH (u:User {id: id})
  WITH id, u WHERE u IS NULL
  RETURN collect(id) AS missingUsers
}
CALL {
  UNWIND $productIds AS id
  OPTIONAL MATCH (p:Product {id: id})
  WITH id, p WHERE p IS NULL
  RETURN collect(id) AS missingProducts
}
RETURN missingUsers, missingProducts
