// Adds a batch's new events to per-minute counters by kind, keyed by the minute of the event's
// own time (a late event counts in its minute). Only events that changed the graph are counted,
// so a replayed batch adds nothing and the counters stay exact under redelivery. What VIEWED
// and RATED keep (a count and the last time; the newest rating) cannot say how many events fell
// in a window; these can. One small node per minute with events (1,440 a day).
// $minutes: LIST<MAP{at: INTEGER (epoch ms, minute start), views: INTEGER, purchases: INTEGER, ratings: INTEGER}>
UNWIND $minutes AS minute
MERGE (m:ActivityMinute {at: datetime({epochMillis: toInteger(minute.at)})})
SET m.views = coalesce(m.views, 0) + minute.views,
    m.purchases = coalesce(m.purchases, 0) + minute.purchases,
    m.ratings = coalesce(m.ratings, 0) + minute.ratings
RETURN count(m) AS minutes
