/**
 * A fresh `npm start` (src/main.ts): the demo graph it seeds gets every analysis once, in the
 * background (src/analytics/first-run.ts), so the KOLs and Communities screens are not empty
 * until someone finds the overview's button.
 */
import { describe, expect, it } from 'vitest';
import { analyseSeededGraph } from '../../../src/analytics/index.js';
import { seedDemoIfEmpty } from '../../../src/ingest/synthetic-graph.js';
import { createLogger } from '../../../src/logger.js';
import { useTestDatabase } from '../../helpers/test-db.js';

describe('first run of a seeded demo graph', () => {
  const t = useTestDatabase();

  it('runs every analysis once after seeding, as a recorded job, and fills the KOL and community screens', async () => {
    const logger = createLogger('silent');
    const config = { ...t.config, demo: { ...t.config.demo, seed: true, users: 150 } };
    expect(await seedDemoIfEmpty(t.db, config, logger)).toBe(true);
    const before = await t.graphql('{ kolSet(k: 3) { members { user { id } } } communities(first: 1) { totalCount } }');
    expect(before.data?.kolSet.members).toEqual([]);

    const job = await analyseSeededGraph(t.deps.analytics, logger);
    expect(job?.status).toBe('SUCCEEDED');
    expect([...(job?.kinds ?? [])].sort()).toEqual(['COMMUNITIES', 'INFLUENCE', 'RECOMMENDATIONS', 'TAGS']);
    const listed = await t.graphql('{ analyticsJobs(first: 5) { id status } }');
    expect(listed.data?.analyticsJobs).toEqual([{ id: job?.id, status: 'SUCCEEDED' }]);
    const after = await t.graphql('{ kolSet(k: 3) { members { user { id } } } communities(first: 1) { totalCount } }');
    expect(after.data?.kolSet.members).toHaveLength(3);
    expect(after.data?.communities.totalCount).toBeGreaterThan(1);
    // A seeded graph that already has data is not seeded again, and nothing is started for it.
    expect(await seedDemoIfEmpty(t.db, config, logger)).toBe(false);
  }, 120_000);
});
