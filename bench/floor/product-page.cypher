// bench:peer floor: a product page (interests, 10 buyers with follower counts, buyer count), one statement.
MATCH (p:Product {id: $id})
CALL (p) { MATCH (p)-[:HAS_INTEREST]->(i:Interest) RETURN collect(i.name) AS interests }
CALL (p) { MATCH (u:User)-[:PURCHASED]->(p) WITH DISTINCT u ORDER BY u.id LIMIT 10
           RETURN collect(u {.id, .displayName, followers: COUNT { (u)<-[:FOLLOWS]-() }}) AS buyers }
RETURN p {.id, .name, .category, .price}, interests, buyers, COUNT { (:User)-[:PURCHASED]->(p) } AS purchases
