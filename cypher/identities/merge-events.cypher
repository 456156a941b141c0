// Merge, step 2: purchases, views and ratings onto the survivor, under the same rules that
// make replays no-ops (cypher/activity/record-*.cypher): a purchase is one per (user,
// product, at), so one both hold is kept once, and so is a review; views of a product add their counts and keep
// the later time; of two ratings of a product the newer wins. The merged user's event log moves
// over, less the events the survivor already has (same kind, product and time).
// $survivorId: STRING  $mergedId: STRING
MATCH (s:User {id: $survivorId}), (m:User {id: $mergedId})
CALL (s, m) {
  MATCH (m)-[r:PURCHASED]->(p)
  MERGE (s)-[n:PURCHASED {at: r.at}]->(p)
  ON CREATE SET n.quantity = r.quantity, n.amount = r.amount
  DELETE r
  RETURN count(*) AS purchases
}
CALL (s, m) {
  MATCH (m)-[r:VIEWED]->(p)
  MERGE (s)-[n:VIEWED]->(p)
  ON CREATE SET n.count = r.count, n.lastAt = r.lastAt
  ON MATCH SET n.count = coalesce(n.count, 0) + coalesce(r.count, 0),
               n.lastAt = CASE WHEN n.lastAt IS NULL OR r.lastAt > n.lastAt THEN r.lastAt ELSE n.lastAt END
  DELETE r
  RETURN count(*) AS views
}
CALL (s, m) {
  MATCH (m)-[r:RATED]->(p)
  MERGE (s)-[n:RATED]->(p)
  ON CREATE SET n.score = r.score, n.at = r.at
  ON MATCH SET n.score = CASE WHEN r.at > n.at THEN r.score ELSE n.score END,
               n.at = CASE WHEN r.at > n.at THEN r.at ELSE n.at END
  DELETE r
  RETURN count(*) AS ratings
}
CALL (s, m) {
  MATCH (m)-[r:REVIEWED]->(p)
  MERGE (s)-[n:REVIEWED {at: r.at}]->(p)
  ON CREATE SET n += properties(r)
  DELETE r
  RETURN count(*) AS reviews
}
CALL (s, m) {
  MATCH (m)-[r:DID]->(e:Event)
  DELETE r
  WITH e, EXISTS { (s)-[:DID]->(:Event {kind: e.kind, productId: e.productId, at: e.at}) } AS twin
  FOREACH (_ IN CASE WHEN twin THEN [1] ELSE [] END | DELETE e)
  FOREACH (_ IN CASE WHEN twin THEN [] ELSE [1] END | CREATE (s)-[:DID]->(e))
  RETURN count(*) AS events
}
RETURN purchases + views + ratings + reviews + events AS moved
