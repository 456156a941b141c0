// Which seed ids exist, and how many of them have profiling consent (only those are used).
// $seedIds: LIST<STRING>
UNWIND $seedIds AS id
OPTIONAL MATCH (u:User {id: id})
RETURN collect(CASE WHEN u IS NULL THEN id END) AS missing,
       collect(CASE WHEN u.consentProfiling = true THEN id END) AS usable
