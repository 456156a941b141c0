// A campaign as drafted: its arms (control first), goal and audience source are JSON text in
// `settings`, as a saved audience keeps its run's settings (segments/create-segment.cypher);
// what changes (status, counts) are properties of their own.
// $id: STRING  $name: STRING  $settings: STRING  $now: DATETIME
CREATE (c:Campaign {id: $id, name: $name, status: 'DRAFT', settings: $settings, createdAt: $now})
RETURN c {.*} AS campaign
