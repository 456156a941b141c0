// The seed's engagement profile, one chunk of the seed: for each product the seed bought,
// viewed or rated, how many members of each fold engaged with it, and how many users engaged
// with it at all (for its rarity). $excludeProductIds are left out (to look for people like a
// product's buyers without using that product itself).
// $members: LIST<MAP>  $excludeProductIds: LIST<STRING>
UNWIND $members AS member
MATCH (s:User {id: member.id})-[:PURCHASED|VIEWED|RATED]->(p:Product)
WHERE NOT p.id IN $excludeProductIds
WITH p, member.fold AS fold, count(DISTINCT s) AS seedUsers
WITH p, collect({fold: fold, seedUsers: seedUsers}) AS byFold
RETURN p.id AS id, p.name AS name, byFold, COUNT { MATCH (u:User)-[:PURCHASED|VIEWED|RATED]->(p) RETURN DISTINCT u } AS engaged
