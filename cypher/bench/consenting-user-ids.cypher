// Every consenting user's id (bench:scale's exact reference for similarUsers' candidates).
MATCH (u:User)
WHERE u.consentProfiling = true
RETURN collect(u.id) AS ids
