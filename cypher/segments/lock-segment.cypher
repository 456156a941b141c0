// Takes the segment's write lock before a delete looks for the rules that name it, so a rule
// being saved with it (create-rule-segment, update-rule-segment, upsert-tag lock it too) is
// either committed and found, or waits and then finds the segment gone.
// $id: STRING  $now: DATETIME
MATCH (s:Segment {id: $id})
SET s.deleteCheckedAt = $now
RETURN count(s) AS locked
