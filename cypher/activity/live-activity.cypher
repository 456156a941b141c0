// What is happening now (activity(window:)): users active since $since (User.lastActiveAt, the
// time of their latest event), events by kind from the per-minute counters, and the products
// and interests people engage with, from the relationship indexes on VIEWED.lastAt,
// PURCHASED.at and RATED.at. A user's last view of a product is in the window exactly when they
// viewed it in the window, so viewers, buyers and raters are exact distinct counts.
// Product score = viewers + 5 × buyers + raters (the base signals of interest weights:
// src/activity/interest-weights.ts); an interest's score sums its products' scores × tag weight.
// $since: DATETIME (a minute start)  $top: INTEGER
CALL () {
  MATCH (u:User)
  WHERE u.lastActiveAt >= $since
  RETURN count(u) AS activeUsers
}
CALL () {
  MATCH (m:ActivityMinute)
  WHERE m.at >= $since
  RETURN coalesce(sum(m.views), 0) AS views, coalesce(sum(m.purchases), 0) AS purchases, coalesce(sum(m.ratings), 0) AS ratings
}
CALL () {
  CALL () {
    MATCH (u:User)-[v:VIEWED]->(p:Product) WHERE v.lastAt >= $since
    RETURN p, u, 'VIEW' AS kind
    UNION ALL
    MATCH (u:User)-[b:PURCHASED]->(p:Product) WHERE b.at >= $since
    RETURN p, u, 'PURCHASE' AS kind
    UNION ALL
    MATCH (u:User)-[r:RATED]->(p:Product) WHERE r.at >= $since
    RETURN p, u, 'RATE' AS kind
  }
  WITH p,
       count(DISTINCT CASE kind WHEN 'VIEW' THEN u END) AS viewers,
       count(DISTINCT CASE kind WHEN 'PURCHASE' THEN u END) AS buyers,
       count(DISTINCT CASE kind WHEN 'RATE' THEN u END) AS raters
  WITH collect({product: p, viewers: viewers, buyers: buyers, raters: raters, score: toFloat(viewers + 5 * buyers + raters)}) AS scored
  CALL (scored) {
    UNWIND scored AS row
    WITH row, row.product AS p
    ORDER BY row.score DESC, p.id
    LIMIT $top
    RETURN collect({product: p {.id, .name, .category, .brand, .price}, viewers: row.viewers, buyers: row.buyers, raters: row.raters, score: row.score}) AS topProducts
  }
  CALL (scored) {
    UNWIND scored AS row
    WITH row.product AS p, row.score AS score
    MATCH (p)-[t:HAS_INTEREST]->(i:Interest)
    WITH i, sum(score * coalesce(t.weight, 1.0)) AS score, count(DISTINCT p) AS products
    ORDER BY score DESC, i.id LIMIT $top
    RETURN collect({interest: i {.id, .name}, score: score, products: products}) AS topInterests
  }
  RETURN topProducts, topInterests
}
RETURN activeUsers, views, purchases, ratings, topProducts, topInterests
