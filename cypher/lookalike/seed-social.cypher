// Social proximity, one chunk of the seed: every consenting user who follows or is followed by
// a seed member, with the number of linked members per fold and its own follow degree (the
// caller damps by it so hubs do not win on size alone). Local: the seed's neighbours only.
// One row per fold, the neighbours in parallel lists (same position: id, links, degree): a
// row per neighbour with its folds as maps cost both sides the framing (20,000 rows for
// 1,000 members at a million users, 270 → 198 ms).
// $members: LIST<MAP>
UNWIND $members AS member
MATCH (s:User {id: member.id})-[:FOLLOWS]-(candidate:User)
WHERE candidate.consentProfiling = true
WITH candidate, member.fold AS fold, count(DISTINCT s) AS links
WITH fold, candidate, links, COUNT { (candidate)-[:FOLLOWS]-() } AS degree
RETURN fold, collect(candidate.id) AS userIds, collect(links) AS links, collect(degree) AS degrees
