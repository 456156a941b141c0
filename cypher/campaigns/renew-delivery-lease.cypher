// Extends the lease after each page (a delivery that stops renewing, e.g. its process died,
// frees the campaign for another deliverer once the lease runs out); $until null releases it.
// $id: STRING  $owner: STRING  $until: DATETIME (null: release)
MATCH (c:Campaign {id: $id})
WHERE c.deliveryLeaseOwner = $owner
SET c.deliveryLeaseUntil = $until, c.deliveryLeaseOwner = CASE WHEN $until IS NULL THEN null ELSE $owner END
RETURN count(c) AS renewed
