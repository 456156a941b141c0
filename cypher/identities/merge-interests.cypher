// Merge, step 3: interests, combined as if both users' events had happened to one. Engagement
// is a decayed sum (docs/DATA-MODEL.md#interest-weights), which is linear: bring both to the
// later of their times τ and add, e(τ) = e₁·2^(−(τ−τ₁)/H) + e₂·2^(−(τ−τ₂)/H). A declaration
// is not an event: the survivor's stands, else the merged user's.
// $survivorId: STRING  $mergedId: STRING  $halfLifeMs: FLOAT
MATCH (s:User {id: $survivorId}), (m:User {id: $mergedId})
MATCH (m)-[r:INTERESTED_IN]->(i:Interest)
OPTIONAL MATCH (s)-[kept:INTERESTED_IN]->(i)
WITH s, r, i, kept,
     CASE WHEN kept.engagementAt IS NULL OR r.engagementAt > kept.engagementAt THEN r.engagementAt ELSE kept.engagementAt END AS tau
WITH s, r, i, kept, tau,
     CASE WHEN r.engagement IS NULL AND kept.engagement IS NULL THEN null
          ELSE coalesce(kept.engagement * 2.0 ^ (-duration.inSeconds(kept.engagementAt, tau).milliseconds / $halfLifeMs), 0.0)
             + coalesce(r.engagement * 2.0 ^ (-duration.inSeconds(r.engagementAt, tau).milliseconds / $halfLifeMs), 0.0) END AS engagement,
     coalesce(kept.declared, r.declared) AS declared
MERGE (s)-[n:INTERESTED_IN]->(i)
SET n.engagement = engagement,
    n.engagementAt = tau,
    n.declared = declared,
    n.weight = coalesce(declared, 0.0) + coalesce(engagement, 0.0),
    n.source = CASE WHEN declared IS NULL THEN 'events' WHEN engagement IS NULL THEN 'declared' ELSE 'declared+events' END,
    n.updatedAt = CASE WHEN kept.updatedAt IS NULL OR r.updatedAt > kept.updatedAt THEN r.updatedAt ELSE kept.updatedAt END
DELETE r
RETURN count(*) AS moved
