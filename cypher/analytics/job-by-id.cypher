// Jobs by id.
// $ids: LIST<STRING>
UNWIND $ids AS id
MATCH (j:AnalyticsJob {id: id})
RETURN j {.*} AS job
