// Which of these interest ids do not exist: writes check this first and write nothing if any.
// $ids: LIST<STRING>
UNWIND $ids AS id
OPTIONAL MATCH (i:Interest {id: id})
WITH id, i WHERE i IS NULL
RETURN collect(id) AS missing
