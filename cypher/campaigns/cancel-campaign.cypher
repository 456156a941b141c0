// Cancels a draft or a running campaign: delivery sends only for RUNNING campaigns, so members
// still pending are never contacted (they keep their assignment, for the record). No row: the
// campaign is not there, or is DONE or CANCELLED already (the caller tells which).
// $id: STRING  $now: DATETIME
MATCH (c:Campaign {id: $id})
WHERE c.status IN ['DRAFT', 'RUNNING']
SET c.status = 'CANCELLED', c.cancelledAt = $now
RETURN c {.*} AS campaign
