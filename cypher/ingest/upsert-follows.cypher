// Idempotent: MERGE on (follower, followee); re-running a batch changes nothing. Rows that
// repeat a pair within the batch collapse to the last one (as if written one after another).
// Counts what the batch did against the graph as it was (created, updated, unchanged pairs)
// and writes only the pairs that change something, so a re-import is reads. The OPTIONAL
// MATCH only counts: MERGE still decides, so a concurrent writer never leads to a duplicate.
// $rows: LIST<MAP{followerId: STRING, followeeId: STRING, since: DATETIME, weight: FLOAT}>
UNWIND $rows AS input
WITH input.followerId AS followerId, input.followeeId AS followeeId, collect(input)[-1] AS row
MATCH (follower:User {id: followerId})
MATCH (followee:User {id: followeeId})
OPTIONAL MATCH (follower)-[old:FOLLOWS]->(followee)
WITH follower, followee, row, old IS NULL AS created,
     old IS NOT NULL AND NOT (old.weight = row.weight AND coalesce(old.since = row.since, old.since IS NULL AND row.since IS NULL)) AS updated
MERGE (follower)-[f:FOLLOWS]->(followee)
FOREACH (_ IN CASE WHEN created OR updated THEN [1] ELSE [] END | SET f.since = row.since, f.weight = row.weight)
RETURN count(CASE WHEN created THEN 1 END) AS created, count(CASE WHEN updated THEN 1 END) AS updated,
       count(CASE WHEN NOT created AND NOT updated THEN 1 END) AS unchanged
