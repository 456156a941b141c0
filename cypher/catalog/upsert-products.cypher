// Idempotent batch upsert, MERGE on id. `interests`, when sent, replaces the product's tags.
// $rows: LIST<MAP{id: STRING, props: MAP, interests: LIST<MAP{interestId: STRING, weight: FLOAT}>}>
UNWIND $rows AS row
MERGE (p:Product {id: row.id})
SET p += row.props
WITH p, row
CALL (p, row) {
  WITH p, row WHERE row.interests IS NOT NULL
  OPTIONAL MATCH (p)-[old:HAS_INTEREST]->(:Interest)
  DELETE old
  WITH DISTINCT p, row
  UNWIND row.interests AS tag
  MATCH (i:Interest {id: tag.interestId})
  MERGE (p)-[r:HAS_INTEREST]->(i)
  SET r.weight = tag.weight
}
RETURN count(DISTINCT p) AS written
