// Right to be forgotten, step 3 of 3: the user node (DETACH for relationships created since
// step 2 finished).
// $id: STRING
MATCH (u:User {id: $id})
WITH u, COUNT { (u)--() } AS relationships
DETACH DELETE u
RETURN relationships
