// For users an identity batch or a merge involves: whether each is anonymous (created from an
// identity alone) and the type of every identity it holds, to check the per-type limits.
// $userIds: LIST<STRING>
UNWIND $userIds AS id
MATCH (u:User {id: id})
RETURN id, u.anonymous = true AS anonymous, [(u)-[:HAS_IDENTITY]->(i:Identity) | i.type] AS types
