// Users with at least one review: the total of `reviews reread`'s progress bar.
MATCH (u:User)
WHERE EXISTS { (u)-[:REVIEWED]->(:Product) }
RETURN count(u) AS users
