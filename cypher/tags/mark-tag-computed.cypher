// Stamps rule tags as computed over everyone.
// $names: LIST<STRING>  $at: DATETIME
MATCH (t:Tag) WHERE t.name IN $names
SET t.computedAt = $at
RETURN count(t) AS marked
