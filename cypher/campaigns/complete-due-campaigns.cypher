// Running campaigns that are over become DONE: every member has been delivered (or left out)
// and the goal's window after the launch has closed, so no conversion can still count and no
// figure of the results can change. A member still pending keeps its campaign RUNNING (the
// in_campaign_pending index answers that with one seek on the campaign's key prefix).
// $id: STRING (null: every running campaign)  $now: DATETIME
MATCH (c:Campaign {status: 'RUNNING'})
WHERE ($id IS NULL OR c.id = $id)
  AND c.goalWithinDays IS NOT NULL
  AND c.launchedAt + duration({days: c.goalWithinDays}) <= $now
  AND NOT EXISTS {
    MATCH ()-[m:IN_CAMPAIGN]->(c)
    WHERE m.pendingKey STARTS WITH c.id + ':'
  }
SET c.status = 'DONE', c.doneAt = $now
RETURN c.id AS id
