// Takes a campaign from DRAFT (or a launch that stopped half-way: LAUNCHING) to LAUNCHING, in
// one statement so two launches of one campaign cannot both start: the second finds RUNNING
// (or DONE, CANCELLED) and gets no row, which the service answers with CONFLICT. A LAUNCHING
// campaign is launched again from the start: every member write is a MERGE.
// $id: STRING  $now: DATETIME
MATCH (c:Campaign {id: $id})
WHERE c.status IN ['DRAFT', 'LAUNCHING']
SET c.status = 'LAUNCHING', c.launchStartedAt = coalesce(c.launchStartedAt, $now)
RETURN c {.*} AS campaign
