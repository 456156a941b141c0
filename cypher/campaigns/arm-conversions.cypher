// A campaign's conversions per arm: members (control included) with a goal event within
// $withinDays days of their assignment, when each first did it (for results over time), and what each converter spent in that window
// (PURCHASED amounts, of the goal's product, category or interest when it names one). Starts from the goal events in the campaign's window through the
// event_kind_at index (hinted: on a young graph the planner would walk the members), so the cost follows the goal events, not the audience (decision 002);
// left-out members have no arm and do not count.
// A goal on a category or an interest counts events whose product is of that category or holds that interest.
// $id: STRING  $kind: STRING  $productId: STRING (null: any product)  $category: STRING (null: any)  $interestId: STRING (null: any)  $withinDays: INTEGER
MATCH (c:Campaign {id: $id})
WITH c, c.launchStartedAt AS from, c.launchStartedAt + duration({days: $withinDays + 1}) AS to
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
WHERE m.arm IS NOT NULL AND at >= m.assignedAt AND at < m.assignedAt + duration({days: $withinDays})
WITH u, m, min(at) AS firstAt
// A pattern comprehension expands from the converter: their own purchases, never an index of all.
WITH m, firstAt, reduce(total = 0.0, amount IN [(u)-[p:PURCHASED]->(bought:Product)
                                        WHERE p.at >= m.assignedAt AND p.at < m.assignedAt + duration({days: $withinDays})
                                          AND ($productId IS NULL OR bought.id = $productId) AND ($category IS NULL OR bought.category = $category)
                                          AND ($interestId IS NULL OR EXISTS { (bought)-[:HAS_INTEREST]->(:Interest {id: $interestId}) })
                                        | coalesce(p.amount, 0.0)] | total + amount) AS revenue
RETURN m.arm AS arm, count(*) AS converted, collect(revenue) AS amounts, collect(firstAt.epochMillis) AS firstAts
