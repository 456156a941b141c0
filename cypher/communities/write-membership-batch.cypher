// Membership of a batch of users in this run's communities.
// $rows: LIST<MAP{userId: STRING, communityId: STRING}>
UNWIND $rows AS row
MATCH (u:User {id: row.userId})
MATCH (c:Community {id: row.communityId})
MERGE (u)-[:MEMBER_OF]->(c)
RETURN count(*) AS written
