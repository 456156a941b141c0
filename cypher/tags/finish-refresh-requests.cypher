// Deletes the refresh requests a claim took, once their users are refreshed. A request another
// refresher claimed since (after this claim's lease ran out) is left to that one.
// $claim: STRING
MATCH (r:TagRefreshRequest {claim: $claim})
DELETE r
RETURN count(*) AS finished
