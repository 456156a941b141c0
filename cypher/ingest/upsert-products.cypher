// Bulk, idempotent product upsert with interest tags; MERGE on id and on each tag.
// $rows: LIST<MAP{id: STRING, props: MAP, interests: LIST<MAP{interestId: STRING, weight: FLOAT}>}>
UNWIND $rows AS row
MERGE (p:Product {id: row.id})
SET p += row.props
WITH p, row
CALL (p, row) {
  UNWIND row.interests AS tag
  MATCH (i:Interest {id: tag.interestId})
  MERGE (p)-[r:HAS_INTEREST]->(i)
  SET r.weight = tag.weight
}
RETURN count(p) AS written
