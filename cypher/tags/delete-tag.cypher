// Deletes a rule tag and every user's hold of it (never users).
// $name: STRING
MATCH (t:Tag {name: $name})
DETACH DELETE t
RETURN count(*) AS deleted
