// Right to be forgotten, before step 1: the user an id names now (an id merged into another
// user names the survivor, as `user(id:)` does: an erasure asked under an old id finds the
// person), and the contact details to look for in saved rules.
// $id: STRING
OPTIONAL MATCH (direct:User {id: $id})
OPTIONAL MATCH (:MergedFrom {id: $id})-[:MERGED_INTO]->(survivor:User)
WITH coalesce(direct, survivor) AS u
WHERE u IS NOT NULL
RETURN u.id AS id, u.email AS email, u.phone AS phone
