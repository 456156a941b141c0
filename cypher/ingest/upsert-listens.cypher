// Consumption counts from a source that gives totals (Last.fm listening counts): VIEWED with
// the source's count *set*, not added, so a re-run leaves the same value.
// $rows: LIST<MAP{userId: STRING, productId: STRING, count: INTEGER}>
UNWIND $rows AS row
MATCH (u:User {id: row.userId})
MATCH (p:Product {id: row.productId})
MERGE (u)-[v:VIEWED]->(p)
SET v.count = row.count
RETURN count(v) AS written
