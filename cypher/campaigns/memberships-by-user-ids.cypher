// Each user's campaign history, newest first: the arm (null: left out, with the reason),
// when assigned and contacted, whether delivery failed. Read from the user's side, so a
// campaign of a million members costs a profile nothing.
// $userIds: LIST<STRING>
UNWIND $userIds AS userId
MATCH (:User {id: userId})-[m:IN_CAMPAIGN]->(c:Campaign)
RETURN userId, c.id AS campaignId, c.name AS name, c.status AS status, m.arm AS arm, m.leftOut AS leftOut,
       m.assignedAt AS assignedAt, m.contactedAt AS contactedAt, m.deliveryFailedAt IS NOT NULL AS deliveryFailed
ORDER BY userId, assignedAt DESC, campaignId
