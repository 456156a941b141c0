// Everything a page shows about each user in a batch, in one statement: the look-ahead behind
// Query.user / Query.users (src/pages/). Each part runs only when the page selects it (its
// limit parameter is not null); the results prime the same DataLoaders the field resolvers
// read, in the same shapes, so one request costs one statement instead of one per wave.
// Pages fetch limit + 1 rows, as the loaders do, so a page knows whether more exist. An id
// merged into another user (MergedFrom) gets the survivor's page, as the userById loader does.
// Degree counts use COUNT {} on one untyped hop: Neo4j reads them from the node's degree store.
// LIMIT takes coalesce(…, 0): Cypher evaluates a LIMIT even on a branch its WHERE empties.
// $ids: LIST<STRING>  $interestLimit: INTEGER (null: not selected)
// $followersLimit: INTEGER (null: not selected)  $followersAfter: STRING ('' = first page)
// $followingLimit: INTEGER (null: not selected)  $followingAfter: STRING ('' = first page)
// $purchasesLimit: INTEGER (null: not selected)  $purchasesAfterAt: DATETIME  $purchasesAfterProductId: STRING
UNWIND $ids AS id
OPTIONAL MATCH (found:User {id: id})
OPTIONAL MATCH (:MergedFrom {id: id})-[:MERGED_INTO]->(survivor:User)
WITH id, coalesce(found, survivor) AS u
WHERE u IS NOT NULL
CALL (u) {
  WITH u WHERE $interestLimit IS NOT NULL
  MATCH (u)-[r:INTERESTED_IN]->(i:Interest)
  WITH i, r ORDER BY r.weight DESC, i.id LIMIT coalesce($interestLimit, 0)
  RETURN collect({interestId: i.id, name: i.name, weight: r.weight, source: r.source, updatedAt: r.updatedAt.epochMillis}) AS interests
}
CALL (u) {
  WITH u WHERE $followersLimit IS NOT NULL
  MATCH (u)<-[:FOLLOWS]-(other:User)
  WHERE other.id > $followersAfter
  WITH other ORDER BY other.id LIMIT coalesce($followersLimit, 0)
  RETURN collect({user: {{user-map other}},
          followers: COUNT { (other)<-[:FOLLOWS]-() }, following: COUNT { (other)-[:FOLLOWS]->() }}) AS followers
}
CALL (u) {
  WITH u WHERE $followingLimit IS NOT NULL
  MATCH (u)-[:FOLLOWS]->(other:User)
  WHERE other.id > $followingAfter
  WITH other ORDER BY other.id LIMIT coalesce($followingLimit, 0)
  RETURN collect({user: {{user-map other}},
          followers: COUNT { (other)<-[:FOLLOWS]-() }, following: COUNT { (other)-[:FOLLOWS]->() }}) AS following
}
CALL (u) {
  WITH u WHERE $purchasesLimit IS NOT NULL
  MATCH (u)-[r:PURCHASED]->(p:Product)
  WHERE $purchasesAfterAt IS NULL OR r.at < $purchasesAfterAt OR (r.at = $purchasesAfterAt AND p.id > $purchasesAfterProductId)
  WITH r, p ORDER BY r.at DESC, p.id LIMIT coalesce($purchasesLimit, 0)
  RETURN collect({product: p {.id, .name, .category, .brand, .price}, at: r.at.epochMillis, quantity: r.quantity, amount: r.amount}) AS purchases
}
RETURN id,
       {{user-map u}} AS user,
       COUNT { (u)<-[:FOLLOWS]-() } AS followerCount,
       COUNT { (u)-[:FOLLOWS]->() } AS followingCount,
       interests, followers, following, purchases
