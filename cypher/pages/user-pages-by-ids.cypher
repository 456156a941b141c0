// Everything a page shows about each user in a batch, in one statement: the look-ahead behind
// Query.user / Query.users (src/pages/). Each part runs only when the page selects it (its
// limit parameter is not null); the results prime the same DataLoaders the field resolvers
// read, in the same shapes, so one request costs one statement instead of one per wave.
// The lists are the features' own (cypher/fragments/*-page.cypher, strongest-interests), so a
// list changes in one place; listed users are whole user maps or user cards ($…Cards,
// src/profiles/user-cards.ts), as the features' loaders fetch them. Pages fetch limit + 1 rows,
// as the loaders do, so a page knows whether more exist. An id merged into another user
// (MergedFrom) gets the survivor's page, as the userById loader does.
// Degree counts use COUNT {} on one untyped hop: Neo4j reads them from the node's degree store.
// LIMIT takes coalesce(…, 0): Cypher evaluates a LIMIT even on a branch its WHERE empties.
// $ids: LIST<STRING>  $interestLimit: INTEGER (null: not selected)
// $followersLimit: INTEGER (null: not selected)  $followersAfter: STRING ('' = first page)  $followersCards: BOOLEAN
// $followingLimit: INTEGER (null: not selected)  $followingAfter: STRING ('' = first page)  $followingCards: BOOLEAN
// $purchasesLimit: INTEGER (null: not selected)  $purchasesAfterAt: DATETIME  $purchasesAfterProductId: STRING
UNWIND $ids AS id
OPTIONAL MATCH (found:User {id: id})
OPTIONAL MATCH (:MergedFrom {id: id})-[:MERGED_INTO]->(survivor:User)
WITH id, coalesce(found, survivor) AS u
WHERE u IS NOT NULL
CALL (u) {
  WITH u WHERE $interestLimit IS NOT NULL
  {{strongest-interests u $limit=$interestLimit}}
  RETURN collect({interestId: i.id, name: i.name, weight: r.weight, source: r.source, updatedAt: r.updatedAt.epochMillis}) AS interests
}
CALL (u) {
  WITH u WHERE $followersLimit IS NOT NULL
  {{followers-page u $after=$followersAfter $limit=$followersLimit}}
  RETURN collect({user: {{listed-user-map other $cards=$followersCards}},
          followers: COUNT { (other)<-[:FOLLOWS]-() }, following: COUNT { (other)-[:FOLLOWS]->() }}) AS followers
}
CALL (u) {
  WITH u WHERE $followingLimit IS NOT NULL
  {{following-page u $after=$followingAfter $limit=$followingLimit}}
  RETURN collect({user: {{listed-user-map other $cards=$followingCards}},
          followers: COUNT { (other)<-[:FOLLOWS]-() }, following: COUNT { (other)-[:FOLLOWS]->() }}) AS following
}
CALL (u) {
  WITH u WHERE $purchasesLimit IS NOT NULL
  {{purchases-page u $afterAt=$purchasesAfterAt $afterProductId=$purchasesAfterProductId $limit=$purchasesLimit}}
  RETURN collect({product: p {.id, .name, .category, .brand, .price}, at: r.at.epochMillis, quantity: r.quantity, amount: r.amount}) AS purchases
}
RETURN id,
       {{user-map u}} AS user,
       COUNT { (u)<-[:FOLLOWS]-() } AS followerCount,
       COUNT { (u)-[:FOLLOWS]->() } AS followingCount,
       interests, followers, following, purchases
