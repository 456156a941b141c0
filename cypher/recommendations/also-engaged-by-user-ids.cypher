// "Users who engaged with this also engaged with": item-to-item collaborative filtering with
// cosine similarity (Sarwar et al., WWW 2001; Deshpande & Karypis, TOIS 2004). A candidate p
// scores Σ over the user's products j of co(j, p) / √(n_j · n_p), where co counts consenting
// users who engaged with both and n is a product's engagement count (its PURCHASED, VIEWED and
// RATED degree, a count the store keeps). The sum is taken through the co-engagers: each one
// carries Σ 1/√n_j over the user's products they share, and p collects that weight from every
// co-engager who engaged with it, then is divided by √n_p. Never a product the user already
// engaged with. One statement for a batch of users; only for users who consent to profiling.
//
// Bounded (issue 12): a three-hop expansion from a heavy user through popular products touches
// millions of paths. Each hop keeps a sample of fixed size, so one user costs at most
// $maxOwnProducts × $maxCoEngagersPerProduct + $maxCoEngagers × $maxProductsPerUser paths
// whatever the graph. The co-engagers kept are the $maxCoEngagers with the most shared weight
// (the most similar users, who carry most of the sum); the other samples are the first in store
// order (deterministic). `known`: how many of the user's products the scores stand on (AUTO
// trusts this strategy less for a short history).
//
// Kept (issue 37): once the RECOMMENDATIONS job has run, each product holds its 50 nearest
// neighbours by exact cosine over consenting users (src/recommendations/item-neighbours.ts), and
// a user's candidates are their products' lists: Σ sim(j, p) over at most $maxOwnProducts of
// their products j, one read per product. `alongside`: how many of the user's products p is a
// neighbour of (the reason). Before the first run, the sampled walk below.
// $userIds: LIST<STRING>  $limit: INTEGER  $maxOwnProducts: INTEGER  $maxCoEngagersPerProduct: INTEGER
// $maxCoEngagers: INTEGER  $maxProductsPerUser: INTEGER
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
WHERE u.consentProfiling = true
OPTIONAL MATCH (s:AnalyticsState {id: 'current'})
CALL (u, s) {
  WITH u, s WHERE s.recommendationsJobId IS NOT NULL
  OPTIONAL MATCH (u)-[:PURCHASED|VIEWED|RATED]->(own:Product)
  WITH collect(DISTINCT own) AS owns
  WITH owns[..$maxOwnProducts] AS mines, [own IN owns | own.id] AS owned
  UNWIND mines AS mine
  UNWIND range(0, size(coalesce(mine.alsoEngagedIds, [])) - 1) AS k
  WITH owned, size(mines) AS known, mine.alsoEngagedIds[k] AS productId, mine.alsoEngagedSimilarities[k] AS similarity
  WHERE NOT productId IN owned
  WITH productId, known, sum(similarity) AS score, count(*) AS alongside
  ORDER BY score DESC, productId
  LIMIT $limit
  MATCH (p:Product {id: productId})
  RETURN p, score, null AS people, alongside, known
  UNION ALL
  WITH u, s WHERE s IS NULL OR s.recommendationsJobId IS NULL
  MATCH (u)-[:PURCHASED|VIEWED|RATED]->(mine:Product)
  WITH DISTINCT mine
  LIMIT $maxOwnProducts
  WITH collect(mine) AS mines
  UNWIND mines AS mine
  WITH mine, size(mines) AS known, 1.0 / sqrt(toFloat(COUNT { (mine)<-[:PURCHASED|VIEWED|RATED]-() })) AS mineWeight
  CALL (u, mine) {
    MATCH (mine)<-[:PURCHASED|VIEWED|RATED]-(other:User)
    WHERE other <> u AND other.consentProfiling = true
    RETURN DISTINCT other
    LIMIT $maxCoEngagersPerProduct
  }
  WITH other, known, sum(mineWeight) AS shared
  ORDER BY shared DESC, other.id
  LIMIT $maxCoEngagers
  CALL (other) {
    MATCH (other)-[:PURCHASED|VIEWED|RATED]->(p:Product)
    RETURN DISTINCT p
    LIMIT $maxProductsPerUser
  }
  WITH p, known, sum(shared) AS weight, count(other) AS people
  WHERE NOT EXISTS { (u)-[:PURCHASED|VIEWED|RATED]->(p) }
  WITH p, weight / sqrt(toFloat(COUNT { (p)<-[:PURCHASED|VIEWED|RATED]-() })) AS score, people, known
  ORDER BY score DESC, p.id
  LIMIT $limit
  RETURN p, score, people, null AS alongside, known
}
RETURN userId, p {.id, .name, .category, .brand, .price} AS product, score, coalesce(alongside, people) AS evidence,
       alongside IS NOT NULL AS byNeighbours, known
