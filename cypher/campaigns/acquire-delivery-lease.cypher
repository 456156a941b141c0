// Takes a running campaign's delivery for $owner until $until, unless another process holds an
// unexpired lease: one deliverer per campaign across replicas. No row: not running, or taken.
// $id: STRING  $owner: STRING  $now: DATETIME  $until: DATETIME
MATCH (c:Campaign {id: $id})
WHERE c.status = 'RUNNING' AND (c.deliveryLeaseUntil IS NULL OR c.deliveryLeaseUntil < $now OR c.deliveryLeaseOwner = $owner)
SET c.deliveryLeaseOwner = $owner, c.deliveryLeaseUntil = $until
RETURN c {.*} AS campaign
