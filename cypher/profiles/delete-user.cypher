// Right to be forgotten: the user node and every relationship it has, in one transaction.
// $id: STRING
MATCH (u:User {id: $id})
WITH u, COUNT { (u)--() } AS relationships
DETACH DELETE u
RETURN relationships
