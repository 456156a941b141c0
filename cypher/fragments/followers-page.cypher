// A page of $var's followers, by id after $after, $limit of them (null: none): the list of
// social/followers-by-user-ids and of the user page's look-ahead (pages/user-pages-by-ids).
MATCH ($var)<-[:FOLLOWS]-(other:User)
WHERE other.id > $after
WITH other ORDER BY other.id LIMIT coalesce($limit, 0)
