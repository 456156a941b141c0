// bench:sequences: how many entries the event log holds.
MATCH (e:Event)
RETURN count(e) AS events
