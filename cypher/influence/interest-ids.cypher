// Every interest, for the INFLUENCE job's KOLs per interest.
MATCH (i:Interest)
RETURN collect(i.id) AS ids
