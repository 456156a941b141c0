// Step 1 of saving a rule that names segments (create-rule-segment, update-rule-segment,
// upsert-tag): their write locks, so a delete of one of them (lock-segment.cypher, then its
// referrers) either waits for this transaction and finds the rule among its referrers, or went
// first: then step 2 (segments-present.cypher, a fresh read after the wait) finds it gone and
// the rule is compiled again (NOT_FOUND). Checked only before the write, a rule was saved
// naming a segment a concurrent delete had just removed (the fuzzer found it).
// $ids: LIST<STRING>  $now: DATETIME
UNWIND $ids AS id
MATCH (s:Segment {id: id})
SET s.referencedAt = $now
RETURN count(s) AS locked
