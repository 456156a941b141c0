// A campaign's delivery so far: members still pending, contacted, failed (dead letters).
// $id: STRING
MATCH (c:Campaign {id: $id})<-[m:IN_CAMPAIGN]-()
RETURN count(m.pendingKey) AS pending, count(m.contactedAt) AS contacted, count(m.deliveryFailedAt) AS failed
