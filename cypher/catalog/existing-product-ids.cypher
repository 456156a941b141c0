// Which of these product ids already exist (to report created vs updated).
// $ids: LIST<STRING>
UNWIND $ids AS id
MATCH (p:Product {id: id})
RETURN collect(p.id) AS existing
