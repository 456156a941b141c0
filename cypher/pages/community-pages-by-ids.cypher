// Everything a community page shows about each community in a batch, in one statement: the
// look-ahead behind Query.community / Query.communities (src/pages/community-pages.ts). Each
// part runs only when the page selects it; the results prime the loaders Community's resolvers
// read, in the shapes of members-by-community-ids, member-counts-by-community-ids,
// influence/top-in-communities and top-interests-by-community-ids. It also returns the
// published runs (analytics/current-results), which KOLs need, so they cost no statement.
// $slots maps an influence slot to its property keys (INFLUENCE_SLOTS in src/influence/).
// LIMIT takes coalesce(…, 0): Cypher evaluates a LIMIT even on a branch its WHERE empties.
// $ids: LIST<STRING>  $slots: MAP  $withMemberCount: BOOLEAN
// $membersLimit: INTEGER (null: not selected)  $membersAfter: STRING ('' = first page)
// $kolLimit: INTEGER (null: not selected)  $interestLimit: INTEGER (null: not selected)
// $withKolReach: BOOLEAN (topicalReach walks every follower of a KOL: only when a page asks)
OPTIONAL MATCH (s:AnalyticsState {id: 'current'})
WITH s, $slots[s.influenceSlot] AS keys
UNWIND $ids AS id
MATCH (c:Community {id: id})
CALL (c) {
  WITH c WHERE $membersLimit IS NOT NULL
  MATCH (c)<-[:MEMBER_OF]-(u:User)
  WHERE u.id > $membersAfter AND u.consentProfiling = true
  WITH u ORDER BY u.id LIMIT coalesce($membersLimit, 0)
  RETURN collect({user: u {.id, .displayName, .gender, .birthYear, .region, .city, .occupation,
          createdAt: u.createdAt.epochMillis, lastActiveAt: u.lastActiveAt.epochMillis,
          .consentProfiling, .consentMarketing, .email, .phone},
          followers: COUNT { (u)<-[:FOLLOWS]-() }, following: COUNT { (u)-[:FOLLOWS]->() }}) AS members
}
CALL (c, s, keys) {
  WITH c, s, keys WHERE $kolLimit IS NOT NULL AND keys IS NOT NULL
  MATCH (c)<-[:MEMBER_OF]-(u:User)
  WHERE u.consentProfiling = true AND u[keys.job] = s.influenceJobId
  WITH u, c, keys ORDER BY u[keys.score] DESC, u.id LIMIT coalesce($kolLimit, 0)
  RETURN collect({user: u {.id, .displayName, .gender, .birthYear, .region, .city, .occupation,
          createdAt: u.createdAt.epochMillis, lastActiveAt: u.lastActiveAt.epochMillis,
          .consentProfiling, .consentMarketing, .email, .phone},
          score: u[keys.score], rank: u[keys.rank],
          followers: COUNT { (u)<-[:FOLLOWS]-() },
          topicalReach: CASE WHEN $withKolReach THEN COUNT { (u)<-[:FOLLOWS]-(f:User)-[:MEMBER_OF]->(c) } END}) AS kols
}
CALL (c) {
  WITH c WHERE $interestLimit IS NOT NULL
  MATCH (c)<-[:MEMBER_OF]-(u:User)-[:INTERESTED_IN]->(i:Interest)
  WHERE u.consentProfiling = true
  WITH i, count(u) AS members
  ORDER BY members DESC, i.id LIMIT coalesce($interestLimit, 0)
  RETURN collect({interestId: i.id, name: i.name, members: members}) AS interests
}
RETURN id, c {.id, .index, .size, .modularityShare} AS community, members, kols, interests,
       CASE WHEN $withMemberCount THEN COUNT { (c)<-[:MEMBER_OF]-(u:User) WHERE u.consentProfiling = true } END AS memberCount,
       s.influenceJobId AS influenceJobId, s.influenceSlot AS influenceSlot, s.influenceCount AS influenceCount,
       s.communityJobId AS communityJobId
