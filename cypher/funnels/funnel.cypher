// An ordered funnel over the event log (append-event-log.cypher), for the users of a group
// ({{rule}} over u, as in portraits/distributions.cypher), in one statement:
//  1. each user's entry: their first event matching step 1 in [since, until);
//  2. their later events within $withinMs of it, in time order, each with the steps it matches;
//  3. a fold over that timeline: the next step is the first matching event after the previous
//     step's (greedy, as funnel tools count "in this order");
//  4. per step, how many got that far and the median time from the step before.
// A step matches an event of its kind whose product is the step's product, or is of its
// category, or holds its interest (whichever the step names).
// $steps: LIST<MAP{kind: STRING, productId: STRING?, interestId: STRING?, category: STRING?}>
// $firstKind: STRING  $laterKinds: LIST<STRING>  $sinceMs: INTEGER  $untilMs: INTEGER  $withinMs: INTEGER  $reachableOnly: BOOLEAN
MATCH (e:Event)
WHERE e.kind = $firstKind AND e.at >= datetime({epochMillis: $sinceMs}) AND e.at < datetime({epochMillis: $untilMs})
MATCH (u:User)-[:DID]->(e)
WHERE u.consentProfiling = true AND ($reachableOnly = false OR u.consentMarketing = true) AND {{rule}}
OPTIONAL MATCH (p:Product {id: e.productId})
WITH u, e, p, $steps[0] AS step
WHERE (step.productId IS NULL OR e.productId = step.productId)
  AND (step.category IS NULL OR p.category = step.category)
  AND (step.interestId IS NULL OR EXISTS { (p)-[:HAS_INTEREST]->(:Interest {id: step.interestId}) })
WITH u, min(e.at) AS start
CALL (u, start) {
  MATCH (u)-[:DID]->(e:Event)
  WHERE e.kind IN $laterKinds AND e.at > start AND e.at <= start + duration({milliseconds: $withinMs})
  OPTIONAL MATCH (p:Product {id: e.productId})
  WITH e, [i IN range(1, size($steps) - 1) WHERE $steps[i].kind = e.kind
      AND ($steps[i].productId IS NULL OR e.productId = $steps[i].productId)
      AND ($steps[i].category IS NULL OR p.category = $steps[i].category)
      AND ($steps[i].interestId IS NULL OR EXISTS { (p)-[:HAS_INTEREST]->(:Interest {id: $steps[i].interestId}) })] AS matches
  ORDER BY e.at
  RETURN collect({at: e.at, matches: matches}) AS timeline
}
// times[k]: when the user did step k+1; its length is how far they got.
WITH reduce(times = [start], event IN timeline |
  CASE WHEN size(times) < size($steps) AND size(times) IN event.matches AND event.at > times[-1] THEN times + event.at ELSE times END) AS times
WITH collect(times) AS journeys
UNWIND range(0, size($steps) - 1) AS i
CALL (i, journeys) {
  UNWIND journeys AS times
  WITH times WHERE size(times) > i
  RETURN count(*) AS users,
         percentileCont(CASE WHEN i = 0 THEN null ELSE (times[i].epochMillis - times[i - 1].epochMillis) / 1000.0 END, 0.5) AS medianSeconds
}
RETURN i AS position, users, medianSeconds
ORDER BY position
