// Social proximity, one chunk of the seed: every consenting user who follows or is followed by
// a seed member, with the number of linked members per fold and its own follow degree (the
// caller damps by it so hubs do not win on size alone). Local: the seed's neighbours only.
// $members: LIST<MAP>
UNWIND $members AS member
MATCH (s:User {id: member.id})-[:FOLLOWS]-(candidate:User)
WHERE candidate.consentProfiling = true
WITH candidate, member.fold AS fold, count(DISTINCT s) AS links
WITH candidate, collect({fold: fold, links: links}) AS byFold
RETURN candidate.id AS userId, byFold, COUNT { (candidate)-[:FOLLOWS]-() } AS degree
