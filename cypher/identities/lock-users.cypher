// Takes the write locks of the users a merge is about before it reads them, in id order, so two
// merges of one pair (either way round) queue instead of interleaving: the second then reads
// what the first committed. SET then REMOVE writes nothing that stays.
// $ids: LIST<STRING>
UNWIND $ids AS id
MATCH (u:User {id: id})
SET u.mergeLock = true
REMOVE u.mergeLock
RETURN count(u) AS locked
