// What the interest-weight update needs: each product's interest tags, and the users' current
// engagement (the event-derived part of INTERESTED_IN) on those interests.
// Times as epoch milliseconds (see record-views.cypher).
// $userIds: LIST<STRING>  $productIds: LIST<STRING>
CALL {
  UNWIND $productIds AS productId
  MATCH (:Product {id: productId})-[t:HAS_INTEREST]->(i:Interest)
  RETURN collect({productId: productId, interestId: i.id, weight: t.weight}) AS tags
}
CALL {
  UNWIND $userIds AS userId
  MATCH (:User {id: userId})-[r:INTERESTED_IN]->(i:Interest)
  WHERE r.engagement IS NOT NULL
  RETURN collect({userId: userId, interestId: i.id, weight: r.engagement, updatedAt: r.engagementAt.epochMillis}) AS weights
}
RETURN tags, weights
