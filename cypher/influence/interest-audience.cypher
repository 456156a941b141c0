// The audience of one interest for the INFLUENCE job's KOLs per interest
// (src/influence/interest-kols.ts): consenting users who hold it.
// $interestId: STRING
MATCH (:Interest {id: $interestId})<-[:INTERESTED_IN]-(f:User)
WHERE f.consentProfiling = true
RETURN collect(f.id) AS holders
