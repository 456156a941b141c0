// One page of a launch's audience: each user is a member of the campaign in the arm the
// assignment hash gave them, or is recorded as left out with the reason, never silently
// (decision 002): no marketing consent, opted out of all campaigns, or over the frequency cap
// (at least $capContacts contacts since $capSince across other campaigns). Users the graph
// does not hold (erased, unknown) are counted by the service. MERGE: a re-run of a launch
// writes nothing twice, and a user's arm, once written, stays.
// $campaignId: STRING  $members: LIST<MAP{userId: STRING, arm: STRING}>  $now: DATETIME
// $capSince: DATETIME  $capContacts: INTEGER
MATCH (c:Campaign {id: $campaignId})
UNWIND $members AS member
MATCH (u:User {id: member.userId})
WITH c, u, member,
     CASE
       WHEN u.consentMarketing IS NULL OR NOT u.consentMarketing THEN 'NO_MARKETING_CONSENT'
       WHEN u.campaignOptOutAt IS NOT NULL THEN 'OPTED_OUT'
       WHEN COUNT { (u)-[other:IN_CAMPAIGN]->(o:Campaign) WHERE o <> c AND other.contactedAt >= $capSince } >= $capContacts THEN 'FREQUENCY_CAP'
       ELSE null
     END AS leftOut
MERGE (u)-[m:IN_CAMPAIGN]->(c)
  ON CREATE SET m.assignedAt = $now,
                m.arm = CASE WHEN leftOut IS NULL THEN member.arm END,
                m.leftOut = leftOut,
                // Members to contact carry a key until their batch is delivered: the delivery job
                // reads them in key order through the in_campaign_pending index (delivery.ts).
                m.pendingKey = CASE WHEN leftOut IS NULL AND member.arm <> 'control' THEN $campaignId + ':' + member.userId END
RETURN count(*) AS written
