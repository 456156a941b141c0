// A page of a rule segment's members, evaluated now: profiling and marketing consent, the
// rule ({{rule}}, composed by src/segments/rules.ts), keyset on user id so a page seeks the
// User(id) index from the cursor.
// $afterId: STRING  $limit: INTEGER
MATCH (u:User)
WHERE u.id > $afterId AND u.consentProfiling = true AND u.consentMarketing = true AND {{rule}}
RETURN u.id AS userId
ORDER BY u.id
LIMIT $limit
