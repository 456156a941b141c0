// A campaign as drafted: its arms (control first), goal and audience source are JSON text in
// `settings`, as a saved audience keeps its run's settings (segments/create-segment.cypher);
// what changes (status, counts) are properties of their own. The goal is also kept as
// properties (goalKind, goalProductId, goalWithinDays) so a segment rule can tell converters
// (src/segments/rules.ts, campaign.converted) in the same statement as the rest of the rule.
// $goalCategory: STRING (null: any)  $goalInterestId: STRING (null: any)
// $id: STRING  $name: STRING  $settings: STRING  $now: DATETIME  $goalKind: STRING  $goalProductId: STRING (null: any product)  $goalWithinDays: INTEGER
CREATE (c:Campaign {id: $id, name: $name, status: 'DRAFT', settings: $settings, createdAt: $now,
                    goalKind: $goalKind, goalProductId: $goalProductId, goalCategory: $goalCategory,
                    goalInterestId: $goalInterestId, goalWithinDays: $goalWithinDays})
RETURN c {.*} AS campaign
