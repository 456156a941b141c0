// Which of these interest ids already exist (to report created vs updated).
// $ids: LIST<STRING>
UNWIND $ids AS id
MATCH (i:Interest {id: id})
RETURN collect(i.id) AS existing
