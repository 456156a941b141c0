// The UserFilter's conditions on the user's own properties (user-filter.cypher without the
// interest): for a statement that reaches its users through the interest already.
($ids IS NULL OR $var.id IN $ids)
AND ($region IS NULL OR $var.region = $region)
AND ($occupation IS NULL OR $var.occupation = $occupation)
AND ($gender IS NULL OR $var.gender = $gender)
AND ($consentProfiling IS NULL OR $var.consentProfiling = $consentProfiling)
AND ($consentMarketing IS NULL OR $var.consentMarketing = $consentMarketing)
AND ($stage IS NULL OR $stage = CASE
      WHEN $var.createdAt >= $newSince THEN 'NEW'
      WHEN $var.lastActiveAt >= $activeSince THEN 'ACTIVE'
      WHEN $var.lastActiveAt >= $dormantSince THEN 'DORMANT'
      ELSE 'CHURNED' END)
