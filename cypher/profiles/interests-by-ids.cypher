// Interests by id, for the interestById DataLoader.
// $ids: LIST<STRING>
UNWIND $ids AS id
MATCH (i:Interest {id: id})
RETURN i.id AS id, i.name AS name
