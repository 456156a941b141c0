// Consumption counts from a source that gives totals (Last.fm listening counts): VIEWED with
// the source's count *set*, not added, so a re-run leaves the same value. Pairs come once per
// batch (pipeline.ts lastPerKey); created, updated and unchanged pairs are counted and only the
// first two written, a new relationship told by its having no properties yet (see
// upsert-follows.cypher).
// $rows: LIST<MAP{userId: STRING, productId: STRING, count: INTEGER}>
UNWIND $rows AS row
MATCH (u:User {id: row.userId})
MATCH (p:Product {id: row.productId})
MERGE (u)-[v:VIEWED]->(p)
WITH v, row, size(keys(v)) = 0 AS created
WITH v, row, created, NOT created AND coalesce(v.count <> row.count, true) AS updated
FOREACH (_ IN CASE WHEN created OR updated THEN [1] ELSE [] END | SET v.count = row.count)
RETURN count(CASE WHEN created THEN 1 END) AS created, count(CASE WHEN updated THEN 1 END) AS updated,
       count(CASE WHEN NOT created AND NOT updated THEN 1 END) AS unchanged
