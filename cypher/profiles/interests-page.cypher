// One page of interests by (name, id), keyset pagination.
// $afterName: STRING  $afterId: STRING  $limit: INTEGER
MATCH (i:Interest)
WHERE $afterName IS NULL OR i.name > $afterName OR (i.name = $afterName AND i.id > $afterId)
RETURN i.id AS id, i.name AS name
ORDER BY i.name, i.id
LIMIT $limit
