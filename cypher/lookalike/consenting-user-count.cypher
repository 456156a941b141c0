// Users who may be profiled: the denominator of rarity and lift.
MATCH (u:User) WHERE u.consentProfiling = true
RETURN count(u) AS users
