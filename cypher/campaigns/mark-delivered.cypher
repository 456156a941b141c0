// After a batch was accepted by its channel (or given up on): its members are no longer
// pending. Contacted ones get contactedAt (the frequency cap and the campaign history read it);
// members who withdrew marketing consent since the launch are left out now, with the reason;
// a batch the channel refused for good is marked deliveryFailedAt (a dead letter holds it).
// $campaignId: STRING  $contacted: LIST<STRING>  $withdrawn: LIST<STRING>  $failed: LIST<STRING>  $now: DATETIME
MATCH (c:Campaign {id: $campaignId})
CALL (c) {
  UNWIND $contacted AS userId
  MATCH (:User {id: userId})-[m:IN_CAMPAIGN]->(c)
  SET m.contactedAt = $now, m.pendingKey = null
  RETURN count(m) AS contacted
}
CALL (c) {
  UNWIND $withdrawn AS userId
  MATCH (:User {id: userId})-[m:IN_CAMPAIGN]->(c)
  SET m.leftOut = 'NO_MARKETING_CONSENT', m.arm = null, m.pendingKey = null
  RETURN count(m) AS withdrawn
}
CALL (c) {
  UNWIND $failed AS userId
  MATCH (:User {id: userId})-[m:IN_CAMPAIGN]->(c)
  SET m.deliveryFailedAt = $now, m.pendingKey = null
  RETURN count(m) AS failed
}
RETURN contacted, withdrawn, failed
