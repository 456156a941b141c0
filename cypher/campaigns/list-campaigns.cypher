// Campaigns, newest first (ties by id), of one status or any, at most $limit.
// $status: STRING (null: any)  $limit: INTEGER
MATCH (c:Campaign)
WHERE $status IS NULL OR c.status = $status
RETURN c {.*} AS campaign
ORDER BY c.createdAt DESC, c.id
LIMIT $limit
