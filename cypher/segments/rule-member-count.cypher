// How many users a rule segment holds now (profiling and marketing consent), counted.
MATCH (u:User)
WHERE u.consentProfiling = true AND u.consentMarketing = true AND {{rule}}
RETURN count(u) AS total
