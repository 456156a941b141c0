// The largest interest vector before augmentation (interest-vectors.ts): over consenting users,
// √(Σ weight²) / √(interest count), over all their interests (at least the part with dimensions).
MATCH (u:User)-[c:INTERESTED_IN]->(:Interest)
WHERE u.consentProfiling = true
WITH u, sum(c.weight * c.weight) AS squares, count(c) AS interests
RETURN max(sqrt(squares / interests)) AS norm
