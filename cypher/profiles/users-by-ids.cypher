// Users by id, for the userById DataLoader: one round trip per batch, whatever its size.
// $ids: LIST<STRING>
UNWIND $ids AS id
MATCH (u:User {id: id})
RETURN {{user-map u}} AS user
