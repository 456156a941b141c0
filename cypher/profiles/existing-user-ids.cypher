// Which of these user ids already exist (to report created vs updated).
// $ids: LIST<STRING>
UNWIND $ids AS id
MATCH (u:User {id: id})
RETURN collect(u.id) AS existing
