// A batch its channel would not take after every retry: kept with why, so an operator can
// see it and send it again; its members are marked by mark-delivered.cypher.
// $id: STRING  $campaignId: STRING  $arm: STRING  $channel: STRING  $userIds: LIST<STRING>  $error: STRING  $attempts: INTEGER  $now: DATETIME
CREATE (d:DeliveryDeadLetter {id: $id, campaignId: $campaignId, arm: $arm, channel: $channel, userIds: $userIds,
                              error: $error, attempts: $attempts, createdAt: $now})
RETURN d.id AS id
