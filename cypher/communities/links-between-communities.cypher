// Follows between the given communities, for the community map: members' follows into another
// listed community, counted per ordered pair. Both ends must consent to profiling (the map is an
// analysis of people). Reads every follow of the listed communities' members once.
// $communityIds: LIST<STRING>  $limit: INTEGER
UNWIND $communityIds AS sourceId
MATCH (:Community {id: sourceId})<-[:MEMBER_OF]-(u:User)-[:FOLLOWS]->(v:User)-[:MEMBER_OF]->(target:Community)
WHERE u.consentProfiling = true AND v.consentProfiling = true AND target.id <> sourceId AND target.id IN $communityIds
WITH sourceId, target.id AS targetId, count(*) AS follows
ORDER BY follows DESC, sourceId, targetId
LIMIT $limit
RETURN sourceId, targetId, follows
