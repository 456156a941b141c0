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
{{funnel-journeys u}}
