// Looks a batch's users and products up once, for the statements of the same transaction after
// it: they find them by element id (NodeByElementIdSeek). A MATCH on User(id) inside an updating
// statement plans as a *locking* unique-index seek (a fresh index reader and an index-entry lock
// per row), and every record-*.cypher statement looked every user up again: 15 % of a stream
// batch's server time (JFR profile, docs/STREAMS.md#figures). Element ids are used within this
// transaction only: Neo4j may reuse one after a delete, never while the transaction runs.
// Which do not exist: recordEvents writes nothing if any. An id merged into another user is not
// missing: it comes back in `redirects` as [mergedId, survivorId, survivor's element id], and its
// events go to the survivor.
// $userIds: LIST<STRING>  $productIds: LIST<STRING>
CALL () {
  UNWIND $userIds AS id
  OPTIONAL MATCH (u:User {id: id})
  RETURN collect(CASE WHEN u IS NOT NULL THEN [id, elementId(u)] END) AS users,
         collect(CASE WHEN u IS NULL THEN id END) AS absent
}
CALL (absent) {
  UNWIND absent AS id
  OPTIONAL MATCH (:MergedFrom {id: id})-[:MERGED_INTO]->(survivor:User)
  RETURN collect(CASE WHEN survivor IS NULL THEN id END) AS missingUsers,
         collect(CASE WHEN survivor IS NOT NULL THEN [id, survivor.id, elementId(survivor)] END) AS redirects
}
CALL () {
  UNWIND $productIds AS id
  OPTIONAL MATCH (p:Product {id: id})
  RETURN collect(CASE WHEN p IS NOT NULL THEN [id, elementId(p)] END) AS products,
         collect(CASE WHEN p IS NULL THEN id END) AS missingProducts
}
RETURN users, missingUsers, redirects, products, missingProducts
