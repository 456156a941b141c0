// Users by id, for the userById DataLoader: one round trip per batch, whatever its size. An id
// merged into another user (MergedFrom) returns the survivor: the person under their id now.
// $ids: LIST<STRING>
UNWIND $ids AS id
OPTIONAL MATCH (found:User {id: id})
OPTIONAL MATCH (:MergedFrom {id: id})-[:MERGED_INTO]->(survivor:User)
WITH id, coalesce(found, survivor) AS u
WHERE u IS NOT NULL
RETURN id, {{user-map u}} AS user
