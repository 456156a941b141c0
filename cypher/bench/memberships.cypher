// Benchmarks only: every analysed user's community in the published run.
MATCH (s:AnalyticsState {id: 'current'})
MATCH (u:User)-[:MEMBER_OF]->(c:Community {jobId: s.communityJobId})
RETURN u.id AS id, c.id AS community
