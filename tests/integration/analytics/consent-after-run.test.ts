import { describe, expect, it } from 'vitest';
import { loadSyntheticGraph } from '../../../src/ingest/synthetic-graph.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../../../src/ingest/generate.js';
import { createLogger } from '../../../src/logger.js';
import { useTestDatabase } from '../../helpers/test-db.js';

describe('consent withdrawn after an analytics run', () => {
  const t = useTestDatabase();
  const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: 200, seed: 9, now: new Date('2026-06-01T00:00:00Z') });

  it("hides the user's influence and community at once, without waiting for the next run", async () => {
    await loadSyntheticGraph(t.db, graph, t.config, createLogger('silent'));
    const job = await t.deps.analytics.start(['INFLUENCE', 'COMMUNITIES'], 'inprocess', 1);
    expect((await job.done).status).toBe('SUCCEEDED');
    const page = await t.graphql(`{ users(first: 100) { nodes { id influence { rank } community { id } } } }`);
    const analysed = (page.data?.users.nodes as { id: string; influence: unknown; community: unknown }[]).find(
      (user) => user.influence !== null && user.community !== null,
    );
    expect(analysed).toBeDefined();
    const id = analysed?.id;

    await t.graphql(`mutation ($id: ID!) { setConsent(userId: $id, consentProfiling: false) { id } }`, { id });
    const after = await t.graphql(`query ($id: ID!) { user(id: $id) { influence { rank } community { id } } }`, { id });
    expect(after.errors).toBeUndefined();
    expect(after.data?.user).toEqual({ influence: null, community: null });
  });
});
