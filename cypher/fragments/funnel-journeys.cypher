// The funnel from its entries on (cypher/funnels/funnel.cypher, funnel-sampled.cypher): given
// rows of a user $var and an event e of step 1's kind in the window, keeps the events matching
// step 1, takes each user's first as their entry, folds their later events into how far they
// got, and counts users and median times per step.
// A step's product is read only when it names a category or an interest (a seek on null finds nothing).
WITH $var AS u, e, $steps[0] AS step
OPTIONAL MATCH (p:Product {id: CASE WHEN step.category IS NOT NULL OR step.interestId IS NOT NULL THEN e.productId END})
WITH u, e, p, step
WHERE (step.productId IS NULL OR e.productId = step.productId)
  AND (step.category IS NULL OR p.category = step.category)
  AND (step.interestId IS NULL OR EXISTS { (p)-[:HAS_INTEREST]->(:Interest {id: step.interestId}) })
WITH u, min(e.at) AS start
CALL (u, start) {
  MATCH (u)-[:DID]->(e:Event)
  WHERE e.kind IN $laterKinds AND e.at > start AND e.at <= start + duration({milliseconds: $withinMs})
  OPTIONAL MATCH (p:Product {id: CASE WHEN any(s IN $steps[1..] WHERE s.category IS NOT NULL OR s.interestId IS NOT NULL) THEN e.productId END})
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
