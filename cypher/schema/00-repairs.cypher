// Data repairs that must run before a constraint can be created on data written by an older
// version. Each is a no-op once repaired.
//
// Before the AnalyticsState uniqueness constraint, concurrent jobs could MERGE several state
// nodes (issue 12). Keep one; the next analytics run republishes everything it points at.
MATCH (s:AnalyticsState)
WITH s.id AS id, collect(s) AS states
WHERE size(states) > 1
UNWIND states[1..] AS extra
DETACH DELETE extra;
