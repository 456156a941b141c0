// Whether the graph is empty (the demo seed runs only then). Reads the count store.
MATCH (u:User)
RETURN count(u) AS users
