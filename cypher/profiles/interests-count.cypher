// totalCount for `interests`.
MATCH (i:Interest)
RETURN count(i) AS total
