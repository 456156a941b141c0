// Idempotent: MERGE on (follower, followee); re-running a batch changes nothing. Importers send
// each pair once per batch (pipeline.ts lastPerKey: the last row wins, as if written one after
// another); a repeated pair would still be written in order. Counts what the batch did against
// the graph as it was (created, updated, unchanged pairs) and writes only the pairs that change
// something, so a re-import is reads. One expansion per row: a relationship MERGE has just
// created has no properties yet (every writer of FOLLOWS sets some), which tells it from one
// it found, with no OPTIONAL MATCH before it (measured 15–25% of the statement's time).
// `since` comes as epoch milliseconds and becomes a DATETIME (UTC) here: packing 5,000 driver
// DateTime values per batch cost the JavaScript side more than the whole write (bench:import:
// 21k → 29k new follows/s, 32k → 41k on a re-import).
// $rows: LIST<MAP{followerId: STRING, followeeId: STRING, since: INTEGER (epoch ms) | null, weight: FLOAT}>
UNWIND $rows AS input
WITH input {.*, since: CASE WHEN input.since IS NULL THEN null ELSE datetime({epochMillis: toInteger(input.since)}) END} AS row
MATCH (follower:User {id: row.followerId})
MATCH (followee:User {id: row.followeeId})
MERGE (follower)-[f:FOLLOWS]->(followee)
WITH f, row, size(keys(f)) = 0 AS created
WITH f, row, created,
     NOT created AND NOT (f.weight = row.weight AND coalesce(f.since = row.since, f.since IS NULL AND row.since IS NULL)) AS updated
FOREACH (_ IN CASE WHEN created OR updated THEN [1] ELSE [] END | SET f.since = row.since, f.weight = row.weight)
RETURN count(CASE WHEN created THEN 1 END) AS created, count(CASE WHEN updated THEN 1 END) AS updated,
       count(CASE WHEN NOT created AND NOT updated THEN 1 END) AS unchanged
