// The interest signals of the requests a claim holds, removed from them: the caller folds them
// into INTERESTED_IN in the claim's own transaction (after lock-refresh-claims.cypher), so they
// are folded once, whoever finishes the request.
// $claim: STRING
MATCH (r:TagRefreshRequest {claim: $claim})
WHERE r.signalUserIds IS NOT NULL
WITH r, r.signalUserIds AS userIds, r.signalProductIds AS productIds, r.signalAts AS ats, r.signalBases AS bases
REMOVE r.signalUserIds, r.signalProductIds, r.signalAts, r.signalBases
RETURN userIds, productIds, ats, bases
