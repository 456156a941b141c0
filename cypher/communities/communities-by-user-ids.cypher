// The published community of each user in a batch.
// $userIds: LIST<STRING>  $jobId: STRING
UNWIND $userIds AS userId
MATCH (:User {id: userId})-[:MEMBER_OF]->(c:Community {jobId: $jobId})
RETURN userId, c {.id, .index, .size, .modularityShare} AS community
