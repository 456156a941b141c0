// bench:peer floor: a community page (10 members with follower counts, member count, 5 KOLs,
// 5 top interests), one statement. $scoreKey/$jobKey/$jobId name the published influence run.
MATCH (c:Community {id: $id})
CALL (c) { MATCH (c)<-[:MEMBER_OF]-(u:User) WHERE u.consentProfiling = true WITH u ORDER BY u.id LIMIT 10
           RETURN collect(u {.id, .displayName, followers: COUNT { (u)<-[:FOLLOWS]-() }}) AS members }
CALL (c) { MATCH (c)<-[:MEMBER_OF]-(u:User) WHERE u.consentProfiling = true AND u[$jobKey] = $jobId
           WITH u ORDER BY u[$scoreKey] DESC LIMIT 5 RETURN collect(u {.id, .displayName, score: u[$scoreKey]}) AS kols }
CALL (c) { MATCH (c)<-[:MEMBER_OF]-(u:User)-[:INTERESTED_IN]->(i:Interest) WHERE u.consentProfiling = true
           WITH i, count(u) AS members ORDER BY members DESC, i.id LIMIT 5 RETURN collect({name: i.name, members: members}) AS interests }
RETURN c {.id, .size}, members, COUNT { (c)<-[:MEMBER_OF]-(u:User) WHERE u.consentProfiling = true } AS memberCount, kols, interests
