// Users who may be profiled: the population of lookalikes' rarity and lift, and what decides
// whether previews and portraits sample (src/profiles/population.ts keeps it a while).
MATCH (u:User) WHERE u.consentProfiling = true
RETURN count(u) AS users
