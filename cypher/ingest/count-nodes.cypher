// Whether the database holds anything at all (--initial overwrites it). Reads the count store.
MATCH (n)
RETURN count(n) AS nodes
