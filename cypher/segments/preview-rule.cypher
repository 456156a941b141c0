// Preview of a rule segment: how many users match (profiling consent is required of every
// audience member), how many of those lack marketing consent (left out of members and
// exports), and a sample of the reachable ones in id order. {{rule}} is the predicate
// src/segments/rules.ts composes from its closed set of fragments; its values are the
// $r<n> parameters. One statement whatever the rule, and the rule is evaluated once: counting
// and sampling in two passes cost twice the hand-written statement (bench:segments). The price
// is a list of the reachable members' node references (tens of bytes each) held for the sort.
// $sampleSize: INTEGER
MATCH (u:User)
WHERE u.consentProfiling = true AND {{rule}}
WITH count(u) AS matched, collect(CASE WHEN u.consentMarketing = true THEN u END) AS reachableUsers
CALL (reachableUsers) {
  UNWIND reachableUsers AS u
  WITH u ORDER BY u.id LIMIT $sampleSize
  RETURN collect({{user-map u}}) AS sample
}
RETURN matched, size(reachableUsers) AS reachable, sample
