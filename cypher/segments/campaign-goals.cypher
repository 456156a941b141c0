// The goals of the campaigns a segment rule names (`campaign: {campaignId, converted}`), read
// before the rule compiles so its conversion test holds the goal as parameters
// (src/segments/rules.ts): a test written over the campaign's own properties, with an
// `IS NULL OR` branch per optional part, took 1.6–3.4× longer to plan (1.3 s against 0.4 s on a fresh server).
// $ids: LIST<STRING>
UNWIND $ids AS id
MATCH (c:Campaign {id: id})
RETURN c.id AS id, c.goalKind AS kind, c.goalProductId AS productId, c.goalCategory AS category, c.goalInterestId AS interestId,
  c.goalWithinDays AS withinDays
