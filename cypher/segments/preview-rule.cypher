// Preview of a rule segment: how many users match (profiling consent is required of every
// audience member), how many of those lack marketing consent (left out of members and
// exports), and a sample of the reachable ones in id order. {{rule}} is the predicate
// src/segments/rules.ts composes from its closed set of fragments; its values are the
// $r<n> parameters. One statement whatever the rule.
// $sampleSize: INTEGER
CALL () {
  MATCH (u:User)
  WHERE u.consentProfiling = true AND {{rule}}
  RETURN count(u) AS matched, count(CASE WHEN u.consentMarketing = true THEN 1 END) AS reachable
}
CALL () {
  MATCH (u:User)
  WHERE u.consentProfiling = true AND u.consentMarketing = true AND {{rule}}
  WITH u ORDER BY u.id LIMIT $sampleSize
  RETURN collect({{user-map u}}) AS sample
}
RETURN matched, reachable, sample
