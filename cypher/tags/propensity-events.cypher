// The event log of the given users between $fromMs and $toMs, as [kind, category, at, interest
// ids…] with the product's category and interests (events on products without a category are
// left out), newest 1,000 per user:
// what the purchase propensity model reads (src/tags/propensity-model.ts). Users without
// profiling consent are never scored, so they are not returned.
// $ids: LIST<STRING>  $fromMs: INTEGER  $toMs: INTEGER
UNWIND $ids AS id
MATCH (u:User {id: id})
WHERE u.consentProfiling = true
CALL (u) {
  MATCH (u)-[:DID]->(e:Event)
  WHERE e.at > datetime({epochMillis: $fromMs}) AND e.at <= datetime({epochMillis: $toMs})
  WITH e ORDER BY e.at DESC LIMIT 1000
  MATCH (p:Product {id: e.productId})
  WHERE p.category IS NOT NULL
  RETURN collect([e.kind, p.category, toString(e.at.epochMillis)] + [(p)-[:HAS_INTEREST]->(i:Interest) | i.id]) AS events
}
RETURN u.id AS id, events
