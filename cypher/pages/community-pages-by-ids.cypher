// Everything a community page shows about each community in a batch, in one statement: the
// look-ahead behind Query.community / Query.communities (src/pages/community-pages.ts). Each
// part runs only when the page selects it; the results prime the loaders Community's resolvers
// read, in the shapes of members-by-community-ids, member-counts-by-community-ids,
// influence/top-in-communities and top-interests-by-community-ids. It also returns the
// published runs (analytics/current-results), which KOLs need, so they cost no statement.
// $slots maps an influence slot to its property keys (INFLUENCE_SLOTS in src/influence/).
// LIMIT takes coalesce(…, 0): Cypher evaluates a LIMIT even on a branch its WHERE empties.
// $ids: LIST<STRING>  $slots: MAP  $withMemberCount: BOOLEAN
// $membersLimit: INTEGER (null: not selected)  $membersAfter: STRING ('' = first page)  $membersCards: BOOLEAN (user cards)
// $kolLimit: INTEGER (null: not selected)  $kolCards: BOOLEAN (user cards)  $interestLimit: INTEGER (null: not selected)
// $withKolReach: BOOLEAN (topicalReach walks every follower of a KOL: only when a page asks)
OPTIONAL MATCH (s:AnalyticsState {id: 'current'})
WITH s, $slots[s.influenceSlot] AS keys
UNWIND $ids AS id
MATCH (c:Community {id: id})
// One pass over the consenting members feeds every part (member page, KOLs, top interests,
// count): each part scanning the membership again read every member's consent four times.
CALL (c) {
  WITH c WHERE $membersLimit IS NOT NULL OR $kolLimit IS NOT NULL OR $interestLimit IS NOT NULL OR $withMemberCount
  // No labels on the far ends: only users are MEMBER_OF, only interests are INTERESTED_IN,
  // and a label check costs a read per row.
  MATCH (c)<-[:MEMBER_OF]-(u)
  WHERE u.consentProfiling = true
  RETURN collect(u) AS consenting
}
CALL (consenting) {
  WITH consenting WHERE $membersLimit IS NOT NULL
  UNWIND consenting AS u
  WITH u WHERE u.id > $membersAfter
  WITH u ORDER BY u.id LIMIT coalesce($membersLimit, 0)
  RETURN collect({user: {{listed-user-map u $cards=$membersCards}},
          followers: COUNT { (u)<-[:FOLLOWS]-() }, following: COUNT { (u)-[:FOLLOWS]->() }}) AS members
}
CALL (c, consenting, s, keys) {
  WITH c, consenting, s, keys WHERE $kolLimit IS NOT NULL AND keys IS NOT NULL
  UNWIND consenting AS u
  WITH c, u, keys WHERE u[keys.job] = s.influenceJobId
  WITH c, u, keys ORDER BY u[keys.score] DESC, u.id LIMIT coalesce($kolLimit, 0)
  RETURN collect({user: {{listed-user-map u $cards=$kolCards}},
          score: u[keys.score], rank: u[keys.rank],
          followers: COUNT { (u)<-[:FOLLOWS]-() },
          topicalReach: CASE WHEN $withKolReach THEN COUNT { (u)<-[:FOLLOWS]-(f:User)-[:MEMBER_OF]->(c) } END}) AS kols
}
CALL (consenting) {
  WITH consenting WHERE $interestLimit IS NOT NULL
  UNWIND consenting AS u
  MATCH (u)-[:INTERESTED_IN]->(i)
  WITH i, count(u) AS members
  ORDER BY members DESC, i.id LIMIT coalesce($interestLimit, 0)
  RETURN collect({interestId: i.id, name: i.name, members: members}) AS interests
}
RETURN id, c {.id, .index, .size, .modularityShare} AS community, members, kols, interests,
       CASE WHEN $withMemberCount THEN size(consenting) END AS memberCount,
       s.influenceJobId AS influenceJobId, s.influenceSlot AS influenceSlot, s.influenceCount AS influenceCount,
       s.communityJobId AS communityJobId
