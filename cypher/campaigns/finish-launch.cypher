// The audience is assigned: the campaign runs. `notFound` counts audience ids the graph does
// not hold (erased or unknown), which have no relationship to count them by.
// $id: STRING  $now: DATETIME  $notFound: INTEGER
MATCH (c:Campaign {id: $id})
WHERE c.status = 'LAUNCHING'
SET c.status = 'RUNNING', c.launchedAt = $now, c.notFound = $notFound
RETURN c {.*} AS campaign
