// Ends a RECOMMENDATIONS run: the most engaged products overall (POPULAR reads them, by their
// relationship degree: a count the store keeps) and the run's id, which tells the request
// statements that the kept lists exist.
// $jobId: STRING  $popular: INTEGER
CALL () {
  MATCH (p:Product)
  WITH p, COUNT { (p)<-[:PURCHASED|VIEWED|RATED]-() } AS engagements
  WHERE engagements > 0
  ORDER BY engagements DESC, p.id
  LIMIT $popular
  RETURN collect(p.id) AS popular
}
MERGE (s:AnalyticsState {id: 'current'})
SET s.popularProductIds = popular, s.recommendationsJobId = $jobId
RETURN size(popular) AS popular
