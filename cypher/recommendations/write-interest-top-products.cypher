// Each interest's products with the heaviest tags, for INTERESTS recommendations: a request
// reads its user's interests' lists instead of every product tagged with them.
// $keep: INTEGER
MATCH (i:Interest)
CALL (i) {
  OPTIONAL MATCH (i)<-[t:HAS_INTEREST]-(p:Product)
  WITH p, t ORDER BY t.weight DESC, p.id LIMIT $keep
  RETURN collect(p.id) AS ids, collect(t.weight) AS weights
}
SET i.topProductIds = ids, i.topProductWeights = weights
RETURN count(i) AS interests
