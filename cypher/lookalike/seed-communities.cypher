// The seed's communities in the published community run, one chunk of the seed: members per
// community and fold, and the community's size (for the lift).
// $members: LIST<MAP>
MATCH (state:AnalyticsState {id: 'current'})
UNWIND $members AS member
MATCH (:User {id: member.id})-[:MEMBER_OF]->(c:Community {jobId: state.communityJobId})
RETURN c.id AS id, c.size AS size, member.fold AS fold, count(*) AS seedMembers
