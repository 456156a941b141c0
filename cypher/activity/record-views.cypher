// Views: one VIEWED relationship per (user, product) with a count and the last time. A view
// counts once, and only if newer than the last one recorded: replays are no-ops.
// Each row carries every timestamp of one (user, product) pair in the batch, sorted.
// Times travel as epoch milliseconds both ways (DATETIME here): packing and unpacking driver
// DateTime values cost the JavaScript side more than the write itself (upsert-follows.cypher).
// $rows: LIST<MAP{userId: STRING, productId: STRING, ats: LIST<INTEGER (epoch ms)>}>
// Each user looked up once, not once per product it viewed.
UNWIND $rows AS input
WITH input.userId AS userId, collect(input {.*, ats: [ms IN input.ats | datetime({epochMillis: toInteger(ms)})]}) AS rows
MATCH (u:User {id: userId})
UNWIND rows AS row
MATCH (p:Product {id: row.productId})
MERGE (u)-[v:VIEWED]->(p)
WITH u, p, v, row, [at IN row.ats WHERE v.lastAt IS NULL OR at > v.lastAt] AS fresh
WHERE size(fresh) > 0
SET v.count = coalesce(v.count, 0) + size(fresh), v.lastAt = fresh[-1]
WITH row, fresh
UNWIND fresh AS at
RETURN row.userId AS userId, row.productId AS productId, at.epochMillis AS at
