// The next members of a campaign to contact, in key order after $afterKey, through the
// in_campaign_pending index (a relationship range index: the seek is on the key prefix, so a
// page costs its own size, not the campaign's). Marketing consent is read now: someone who
// withdrew it after the launch is not contacted, and a campaign cancelled while it is delivered
// sends no further page. E-mail and phone only when $identifiers (a
// channel that sends their hashes): otherwise no PII leaves the database.
// $prefix: STRING (campaign id ':')  $afterKey: STRING  $limit: INTEGER  $identifiers: BOOLEAN
MATCH (u:User)-[m:IN_CAMPAIGN]->(c:Campaign)
WHERE m.pendingKey STARTS WITH $prefix AND m.pendingKey > $afterKey AND c.status = 'RUNNING'
RETURN m.pendingKey AS key, u.id AS userId, m.arm AS arm, coalesce(u.consentMarketing, false) AS consented,
       CASE WHEN $identifiers THEN u.email END AS email, CASE WHEN $identifiers THEN u.phone END AS phone
ORDER BY m.pendingKey
LIMIT $limit
