// bench:scale: the mean purchase, view and rating relationships of the given users. A refresh
// rescores a user by reading every one of them (cypher/tags/user-features.cypher), so the event
// writers' history sets the event rate: every run on a reused graph adds to it.
// $ids: LIST<STRING>
UNWIND $ids AS id
MATCH (u:User {id: id})
RETURN avg(COUNT { (u)-[:PURCHASED|RATED|VIEWED]->() }) AS mean
