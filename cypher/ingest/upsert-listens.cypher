// Consumption counts from a source that gives totals (Last.fm listening counts): VIEWED with
// the source's count *set*, not added, so a re-run leaves the same value. A pair repeated
// within the batch collapses to its last row; created, updated and unchanged pairs are
// counted and only the first two written (see upsert-follows.cypher).
// $rows: LIST<MAP{userId: STRING, productId: STRING, count: INTEGER}>
UNWIND $rows AS input
WITH input.userId AS userId, input.productId AS productId, collect(input)[-1] AS row
MATCH (u:User {id: userId})
MATCH (p:Product {id: productId})
OPTIONAL MATCH (u)-[old:VIEWED]->(p)
WITH u, p, row, old IS NULL AS created, old IS NOT NULL AND coalesce(old.count <> row.count, true) AS updated
MERGE (u)-[v:VIEWED]->(p)
FOREACH (_ IN CASE WHEN created OR updated THEN [1] ELSE [] END | SET v.count = row.count)
RETURN count(CASE WHEN created THEN 1 END) AS created, count(CASE WHEN updated THEN 1 END) AS updated,
       count(CASE WHEN NOT created AND NOT updated THEN 1 END) AS unchanged
