// bench:sequences' reference: every event-log entry of the given kinds in a time range with its
// user's consents and its product's category, for the funnel and sequence rule computed in Node.
// $kinds: LIST<STRING>  $fromMs: INTEGER  $toMs: INTEGER
MATCH (u:User)-[:DID]->(e:Event)
WHERE e.kind IN $kinds AND e.at >= datetime({epochMillis: $fromMs}) AND e.at <= datetime({epochMillis: $toMs})
OPTIONAL MATCH (p:Product {id: e.productId})
RETURN u.id AS userId, u.consentProfiling = true AS profiling, u.consentMarketing = true AS marketing,
       e.kind AS kind, p.category AS category, e.at.epochMillis AS at
