// funnel.cypher over a uniform sample of users (src/segments/sampling.ts): the users whose
// sample key is below $sampleFraction, read through the user_sample_key index, then their
// events of step 1's kind in the window (a few per user) instead of every such event of the
// window. Counts are the sample's; the service scales them.
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
// $firstKind: STRING  $laterKinds: LIST<STRING>  $sinceMs: INTEGER  $untilMs: INTEGER  $withinMs: INTEGER  $reachableOnly: BOOLEAN  $sampleFraction: FLOAT
// The hint and the subquery: left to itself the planner starts from the window's events (all
// of them: 1.2 M VIEWs in 30 days at a million users) and joins them to the sampled users,
// which is the cost sampling is here to avoid; the subquery makes it expand from each sampled
// user (4.1 → 2.3 s at a million users).
MATCH (u:User)
USING INDEX u:User(sampleKey)
WHERE u.sampleKey < $sampleFraction AND u.consentProfiling = true AND ($reachableOnly = false OR u.consentMarketing = true) AND {{rule}}
CALL (u) {
  MATCH (u)-[:DID]->(e:Event)
  WHERE e.kind = $firstKind AND e.at >= datetime({epochMillis: $sinceMs}) AND e.at < datetime({epochMillis: $untilMs})
  RETURN e
}
{{funnel-journeys u}}
