// Adds a batch's interest signals to the users' engagement on INTERESTED_IN, in one statement:
// for each (user, interest) the signals in time order, folded with the half-life decay of
// src/activity/interest-weights.ts (decayAndAdd; tests/integration/activity checks the two
// agree). Reading the weights back to fold them in TypeScript and writing them again was two
// thirds of a stream batch's time (bench:stream). weight = declared + engagement.
// Times as epoch milliseconds (see record-views.cypher).
// $signals: LIST<MAP{userId: STRING, productId: STRING, at: INTEGER, base: FLOAT}> (base ≠ 0)
// $halfLifeMs: FLOAT
UNWIND $signals AS signal
MATCH (:Product {id: signal.productId})-[t:HAS_INTEREST]->(i:Interest)
WITH signal, i, signal.base * t.weight AS add
ORDER BY signal.at
WITH signal.userId AS userId, i, collect({at: signal.at, add: add}) AS adds
// Each user looked up once, not once per interest (~20 % of the statement for 5,000 events).
WITH userId, collect({interest: i, adds: adds}) AS perInterest
MATCH (u:User {id: userId})
UNWIND perInterest AS signals
WITH u, signals.interest AS i, signals.adds AS adds
MERGE (u)-[r:INTERESTED_IN]->(i)
WITH r, reduce(state = {weight: r.engagement, at: r.engagementAt.epochMillis}, a IN adds |
  CASE
    WHEN state.weight IS NULL OR state.at IS NULL
      THEN {weight: CASE WHEN a.add > 0 THEN a.add ELSE 0.0 END, at: a.at}
    WHEN a.at >= state.at
      THEN {weight: CASE WHEN state.weight * 2.0 ^ (-(a.at - state.at) / $halfLifeMs) + a.add > 0
                         THEN state.weight * 2.0 ^ (-(a.at - state.at) / $halfLifeMs) + a.add ELSE 0.0 END,
            at: a.at}
    // A late signal adds itself decayed to the weight's time, which stays.
    ELSE {weight: CASE WHEN state.weight + a.add * 2.0 ^ ((a.at - state.at) / $halfLifeMs) > 0
                       THEN state.weight + a.add * 2.0 ^ ((a.at - state.at) / $halfLifeMs) ELSE 0.0 END,
          at: state.at}
  END) AS next
WITH r, next.weight AS weight, datetime({epochMillis: toInteger(next.at)}) AS at
SET r.engagement = weight,
    r.engagementAt = at,
    r.weight = coalesce(r.declared, 0.0) + weight,
    r.source = CASE WHEN r.declared IS NULL THEN 'events' ELSE 'declared+events' END,
    r.updatedAt = at
RETURN count(r) AS written
