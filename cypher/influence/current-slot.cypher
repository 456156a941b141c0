// The influence slot readers currently use ('A', 'B', or null before the first run).
OPTIONAL MATCH (s:AnalyticsState {id: 'current'})
RETURN s.influenceSlot AS slot
