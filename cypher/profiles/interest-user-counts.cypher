// How many users hold each interest (degree count from the relationship store, no expansion).
// $ids: LIST<STRING>
UNWIND $ids AS id
MATCH (i:Interest {id: id})
RETURN id, COUNT { (i)<-[:INTERESTED_IN]-(:User) } AS userCount
