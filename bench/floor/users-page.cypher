// bench:peer floor: a page of 20 users with follower counts and top 3 interests, one statement.
MATCH (u:User) WITH u ORDER BY u.id LIMIT 20
CALL (u) { MATCH (u)-[r:INTERESTED_IN]->(i:Interest) WITH r, i ORDER BY r.weight DESC, i.id LIMIT 3 RETURN collect({w: r.weight, name: i.name}) AS interests }
RETURN u {.id, .displayName}, COUNT { (u)<-[:FOLLOWS]-() } AS followerCount, interests
