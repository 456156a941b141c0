// CUPED's covariate per arm (src/campaigns/statistics.ts): members who did the goal in the
// $withinDays days before their assignment (ΣX), and of them, those who also converted after
// it, as arm-conversions.cypher counts (ΣXY). Starts from the goal events before the launch
// through the event_kind_at index (hinted, as arm-conversions.cypher is), so the cost follows
// those events, not the audience; left-out members have no arm and do not count.
// A goal on a category or an interest counts events whose product is of that category or holds that interest.
// $id: STRING  $kind: STRING  $productId: STRING (null: any product)  $category: STRING (null: any)  $interestId: STRING (null: any)  $withinDays: INTEGER
MATCH (c:Campaign {id: $id})
WITH c, c.launchStartedAt - duration({days: $withinDays + 1}) AS from, c.launchStartedAt + duration({days: 1}) AS to
CALL (from, to) {
  MATCH (e:Event)
  USING INDEX e:Event(kind, at)
  WHERE e.kind = $kind AND e.at >= from AND e.at < to AND ($productId IS NULL OR e.productId = $productId)
    AND (($category IS NULL AND $interestId IS NULL) OR EXISTS {
      MATCH (goal:Product {id: e.productId})
      WHERE ($category IS NULL OR goal.category = $category) AND ($interestId IS NULL OR EXISTS { (goal)-[:HAS_INTEREST]->(:Interest {id: $interestId}) })
    })
  MATCH (u:User)-[:DID]->(e)
  RETURN u, e.at AS at
}
MATCH (u)-[m:IN_CAMPAIGN]->(c)
WHERE m.arm IS NOT NULL AND at >= m.assignedAt - duration({days: $withinDays}) AND at < m.assignedAt
WITH DISTINCT u, m
WITH m, EXISTS {
  (u)-[:DID]->(after:Event)
  WHERE after.kind = $kind AND ($productId IS NULL OR after.productId = $productId)
    AND after.at >= m.assignedAt AND after.at < m.assignedAt + duration({days: $withinDays})
    AND (($category IS NULL AND $interestId IS NULL) OR EXISTS {
      MATCH (goalAfter:Product {id: after.productId})
      WHERE ($category IS NULL OR goalAfter.category = $category) AND ($interestId IS NULL OR EXISTS { (goalAfter)-[:HAS_INTEREST]->(:Interest {id: $interestId}) })
    })
} AS converted
RETURN m.arm AS arm, count(*) AS before, count(CASE WHEN converted THEN 1 END) AS beforeAndConverted
