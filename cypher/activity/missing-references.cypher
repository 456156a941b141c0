// Which referenced users and products do not exist; recordEvents writes nothing if any. An id
// that was merged into another user is not missing: it comes back in `redirects` as
// [mergedId, survivorId], and its events go to the survivor.
// $userIds: LIST<STRING>  $productIds: LIST<STRING>
CALL () {
  UNWIND $userIds AS id
  OPTIONAL MATCH (u:User {id: id})
  WITH id, u WHERE u IS NULL
  OPTIONAL MATCH (:MergedFrom {id: id})-[:MERGED_INTO]->(survivor:User)
  RETURN collect(CASE WHEN survivor IS NULL THEN id END) AS missingUsers,
         collect(CASE WHEN survivor IS NOT NULL THEN [id, survivor.id] END) AS redirects
}
CALL () {
  UNWIND $productIds AS id
  OPTIONAL MATCH (p:Product {id: id})
  WITH id, p WHERE p IS NULL
  RETURN collect(id) AS missingProducts
}
RETURN missingUsers, redirects, missingProducts
