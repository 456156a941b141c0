// The ids merged into users (User.mergedIds DataLoader), oldest merge first.
// $ids: LIST<STRING>
UNWIND $ids AS id
MATCH (f:MergedFrom)-[:MERGED_INTO]->(:User {id: id})
WITH id, f ORDER BY f.mergedAt, f.id
RETURN id, collect(f.id) AS mergedIds
