// A group's members counted by each trait of its portrait, in one pass. The group is
// {{rule}} (src/segments/rules.ts composes it: a rule, a segment, a community, a list of ids);
// members have profiling consent, and marketing consent too when $reachableOnly (segments).
// Birth years come back raw and lifecycle as the stage, so age bands and labels are folded in
// src/portraits/ with the same functions as User.ageBand and User.lifecycleStage; churn risk
// comes back as its fifth (0 = 0–0.2 … 4 = 0.8–1).
// $reachableOnly: BOOLEAN  $newSince: DATETIME  $activeSince: DATETIME  $dormantSince: DATETIME
MATCH (u:User)
WHERE u.consentProfiling = true AND ($reachableOnly = false OR u.consentMarketing = true) AND {{rule}}
UNWIND [
  ['GENDER', coalesce(u.gender, 'UNKNOWN')],
  ['BIRTH_YEAR', toString(u.birthYear)],
  ['REGION', u.region],
  ['OCCUPATION', u.occupation],
  ['LIFECYCLE', CASE
    WHEN u.createdAt >= $newSince THEN 'NEW'
    WHEN u.lastActiveAt >= $activeSince THEN 'ACTIVE'
    WHEN u.lastActiveAt >= $dormantSince THEN 'DORMANT'
    ELSE 'CHURNED' END],
  ['VALUE_TIER', u.valueTier],
  ['CHURN_RISK', toString(toInteger(CASE WHEN u.churnRisk >= 1.0 THEN 4 ELSE floor(u.churnRisk * 5) END))]
] AS pair
RETURN pair[0] AS dimension, pair[1] AS value, count(*) AS users
