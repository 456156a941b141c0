// bench:peer floor: the profile page as one hand-written statement (what neither server can beat).
MATCH (u:User {id: $id})
CALL (u) { MATCH (u)-[r:INTERESTED_IN]->(i:Interest) WITH r, i ORDER BY r.weight DESC, i.id LIMIT 5 RETURN collect({w: r.weight, name: i.name}) AS interests }
CALL (u) { MATCH (u)<-[:FOLLOWS]-(f:User) WITH f ORDER BY f.id LIMIT 10
           RETURN collect(f {.id, .displayName, followers: COUNT { (f)<-[:FOLLOWS]-() }}) AS followers }
CALL (u) { MATCH (u)-[r:PURCHASED]->(p:Product) WITH r, p ORDER BY r.at DESC LIMIT 5 RETURN collect({at: r.at.epochMillis, name: p.name}) AS purchases }
RETURN u {.id, .displayName, .region}, interests, COUNT { (u)<-[:FOLLOWS]-() } AS followerCount,
       COUNT { (u)-[:FOLLOWS]->() } AS followingCount, followers, purchases
