// How many refresh requests wait, claimed or not: bounds how long a refresher's drain goes on.
MATCH (r:TagRefreshRequest)
RETURN count(r) AS requests
