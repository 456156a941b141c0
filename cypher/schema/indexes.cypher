// Indexes for the filters the API offers (UserFilter, ProductFilter). Applied at start; idempotent.
CREATE INDEX user_region IF NOT EXISTS FOR (u:User) ON (u.region);
CREATE INDEX user_occupation IF NOT EXISTS FOR (u:User) ON (u.occupation);
CREATE INDEX user_gender IF NOT EXISTS FOR (u:User) ON (u.gender);
CREATE INDEX user_last_active IF NOT EXISTS FOR (u:User) ON (u.lastActiveAt);
CREATE INDEX user_consent_profiling IF NOT EXISTS FOR (u:User) ON (u.consentProfiling);
// A uniform sample of users: `u.sampleKey < f` (keys drawn uniformly in [0, 1) when a user is
// made) reads a fraction f of them, for previews and portraits of large groups (src/segments/sampling.ts).
CREATE INDEX user_sample_key IF NOT EXISTS FOR (u:User) ON (u.sampleKey);
CREATE INDEX product_category IF NOT EXISTS FOR (p:Product) ON (p.category);
CREATE INDEX interest_name IF NOT EXISTS FOR (i:Interest) ON (i.name);
CREATE INDEX community_job IF NOT EXISTS FOR (c:Community) ON (c.jobId);
CREATE INDEX analytics_job_created IF NOT EXISTS FOR (j:AnalyticsJob) ON (j.createdAt);
// Live counters (activity(window:), cypher/activity/live-activity.cypher): who did what in the last minutes.
CREATE INDEX viewed_last_at IF NOT EXISTS FOR ()-[v:VIEWED]-() ON (v.lastAt);
CREATE INDEX purchased_at IF NOT EXISTS FOR ()-[b:PURCHASED]-() ON (b.at);
CREATE INDEX rated_at IF NOT EXISTS FOR ()-[r:RATED]-() ON (r.at);
// Event log (cypher/activity/append-event-log.cypher): funnels start from the first step's
// events in a window, sequence rules from one user's events of a kind.
CREATE INDEX event_kind_at IF NOT EXISTS FOR (e:Event) ON (e.kind, e.at);
// The first similar-users index (hashed profiles, cosine): it ranked by the wrong similarity.
DROP INDEX user_interest_vector IF EXISTS;
// "People like you" (User.similarUsers): candidates by their interest profile, best first
// (src/lookalike/interest-vectors.ts writes the vectors in each RECOMMENDATIONS run).
CREATE VECTOR INDEX user_interests_mips IF NOT EXISTS FOR (u:User) ON (u.interestVector)
  OPTIONS {indexConfig: {`vector.dimensions`: 128, `vector.similarity_function`: 'cosine'}};
// Campaign members still to contact, in key order (campaign id ':' user id): the delivery job's keyset (src/campaigns/delivery.ts).
CREATE INDEX in_campaign_pending IF NOT EXISTS FOR ()-[m:IN_CAMPAIGN]-() ON (m.pendingKey);
