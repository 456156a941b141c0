// The seed's communities in the published community run, one chunk of the seed: members per
// community and fold, and the community's size (for the lift).
// Each member's communities are read from the member (a subquery with the member bound): as
// one pattern, a plan cached on a small graph seeked the run's communities by jobId and
// scanned all their members for each seed member, 17 s for 1,000 members on 31,000 users.
// $members: LIST<MAP>
MATCH (state:AnalyticsState {id: 'current'})
UNWIND $members AS member
MATCH (u:User {id: member.id})
CALL (u, state) {
  MATCH (u)-[:MEMBER_OF]->(c:Community)
  WHERE c.jobId = state.communityJobId
  RETURN c
}
RETURN c.id AS id, c.size AS size, member.fold AS fold, count(*) AS seedMembers
