// totalCount of `segments`.
MATCH (s:Segment)
RETURN count(s) AS total
