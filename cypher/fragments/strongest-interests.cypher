// $var's strongest interests, $limit of them (null: none): the list of
// profiles/interests-by-user-ids and of the user page's look-ahead (pages/user-pages-by-ids).
MATCH ($var)-[r:INTERESTED_IN]->(i:Interest)
WITH i, r ORDER BY r.weight DESC, i.id LIMIT coalesce($limit, 0)
