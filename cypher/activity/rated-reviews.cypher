// The newest rated reviews that can teach sentiment (rating ≤ 2: negative, ≥ 4: positive; 3 says
// neither), by users who consent to profiling only, for the sentiment models the TAGS run fits
// (src/activity/sentiment-models.ts). Newest first, so a shop's current wording counts.
// $limit: INTEGER
MATCH (u:User)-[r:REVIEWED]->(:Product)
WHERE r.rating IS NOT NULL AND (r.rating <= 2 OR r.rating >= 4) AND u.consentProfiling = true
RETURN r.text AS text, r.rating >= 4 AS positive
ORDER BY r.at DESC
LIMIT $limit
