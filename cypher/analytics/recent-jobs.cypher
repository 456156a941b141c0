// The most recent jobs, newest first.
// $limit: INTEGER
MATCH (j:AnalyticsJob)
RETURN j {.*} AS job
ORDER BY j.createdAt DESC
LIMIT $limit
