// The newest reviews of each product in a batch, by users who consent to profiling (what a
// user wrote is profiling data: withdrawn consent hides it at once).
// $productIds: LIST<STRING>  $limit: INTEGER
UNWIND $productIds AS productId
MATCH (p:Product {id: productId})
CALL (p) {
  MATCH (u:User)-[r:REVIEWED]->(p)
  WHERE u.consentProfiling = true
  RETURN u, r
  ORDER BY r.at DESC, u.id
  LIMIT $limit
}
RETURN productId, {{user-map u}} AS user, r.text AS text, r.rating AS rating, r.sentiment AS sentiment,
  r.sentimentSource AS sentimentSource, r.sentimentReasons AS sentimentReasons, r.sentimentReasonWeights AS sentimentReasonWeights,
  coalesce(r.keywords, []) AS keywords, r.at.epochMillis AS at
