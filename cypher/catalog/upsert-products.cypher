// Idempotent batch upsert of products, MERGE on id: the one product upsert, for the API and
// the importers. With $replaceInterests (upsertProducts) a row's `interests`, when sent,
// replace the product's tags; without it (importers, which stream a product's tags in several
// batches) they are added, each MERGEd.
// $rows: LIST<MAP{id: STRING, props: MAP, interests: LIST<MAP{interestId: STRING, weight: FLOAT}>}>  $replaceInterests: BOOLEAN
UNWIND $rows AS row
MERGE (p:Product {id: row.id})
SET p += row.props
WITH p, row
CALL (p, row) {
  WITH p, row WHERE $replaceInterests AND row.interests IS NOT NULL
  OPTIONAL MATCH (p)-[old:HAS_INTEREST]->(:Interest)
  DELETE old
}
CALL (p, row) {
  WITH p, row WHERE row.interests IS NOT NULL
  UNWIND row.interests AS tag
  MATCH (i:Interest {id: tag.interestId})
  MERGE (p)-[r:HAS_INTEREST]->(i)
  SET r.weight = tag.weight
}
RETURN count(DISTINCT p) AS written
