// Marks a database as a benchmark's own, so later benchmark runs may wipe it again.
// $now: DATETIME
MERGE (m:ProfileGraphBench {id: 'marker'})
SET m.markedAt = $now
RETURN m.id AS id
