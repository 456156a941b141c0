// How many refresh requests wait (claimed or not) and since when: for drain loops and status.
MATCH (r:TagRefreshRequest)
RETURN count(r) AS requests, min(r.queuedAt) AS oldest
