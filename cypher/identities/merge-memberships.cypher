// Merge, step 4: everything else that points at a person. Identities move (each still held by
// one user). Segment inclusions move; in a segment holding both, the better rank and score
// stay. Lookalike seeds move. A community membership moves only if the survivor has none in
// that run; rule tags are dropped and re-evaluated for the survivor after the commit (their
// rules see the combined events). Earlier merges into the merged user now point at the survivor.
// $survivorId: STRING  $mergedId: STRING
MATCH (s:User {id: $survivorId}), (m:User {id: $mergedId})
CALL (s, m) {
  MATCH (m)-[r:HAS_IDENTITY]->(i:Identity)
  CREATE (s)-[:HAS_IDENTITY {at: r.at}]->(i)
  DELETE r
  RETURN count(*) AS identities
}
CALL (s, m) {
  MATCH (g:Segment)-[r:INCLUDES]->(m)
  MERGE (g)-[n:INCLUDES]->(s)
  ON CREATE SET n.rank = r.rank, n.score = r.score
  ON MATCH SET n.rank = CASE WHEN r.rank < n.rank THEN r.rank ELSE n.rank END,
               n.score = CASE WHEN r.score > n.score THEN r.score ELSE n.score END
  DELETE r
  RETURN count(*) AS inclusions
}
CALL (s, m) {
  MATCH (g:Segment)-[r:SEEDED_BY]->(m)
  MERGE (g)-[:SEEDED_BY]->(s)
  DELETE r
  RETURN count(*) AS seeds
}
CALL (s, m) {
  MATCH (m)-[r:MEMBER_OF]->(c:Community)
  CALL (s, r, c) {
    WITH s, r, c WHERE NOT EXISTS { (s)-[:MEMBER_OF]->(:Community {jobId: c.jobId}) }
    CREATE (s)-[:MEMBER_OF]->(c)
  }
  DELETE r
  RETURN count(*) AS memberships
}
CALL (m) {
  MATCH (m)-[r:HAS_TAG]->(:Tag)
  DELETE r
  RETURN count(*) AS tags
}
CALL (s, m) {
  MATCH (f:MergedFrom)-[r:MERGED_INTO]->(m)
  CREATE (f)-[:MERGED_INTO]->(s)
  DELETE r
  RETURN count(*) AS earlierMerges
}
RETURN identities + inclusions + seeds + memberships + tags + earlierMerges AS moved
