// The UserFilter of `users(filter)`, shared by users-page and users-count: every part is
// skipped when its parameter is null. Included as {{user-filter u}} after a WHERE.
($ids IS NULL OR $var.id IN $ids)
AND ($region IS NULL OR $var.region = $region)
AND ($occupation IS NULL OR $var.occupation = $occupation)
AND ($gender IS NULL OR $var.gender = $gender)
AND ($consentProfiling IS NULL OR $var.consentProfiling = $consentProfiling)
AND ($consentMarketing IS NULL OR $var.consentMarketing = $consentMarketing)
AND ($interestId IS NULL OR EXISTS { ($var)-[:INTERESTED_IN]->(:Interest {id: $interestId}) })
AND ($stage IS NULL OR $stage = CASE
      WHEN $var.createdAt >= $newSince THEN 'NEW'
      WHEN $var.lastActiveAt >= $activeSince THEN 'ACTIVE'
      WHEN $var.lastActiveAt >= $dormantSince THEN 'DORMANT'
      ELSE 'CHURNED' END)
