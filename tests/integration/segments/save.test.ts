import { describe, expect, it } from 'vitest';
import { ingestQueries } from '../../../src/ingest/queries.js';
import { SegmentsService } from '../../../src/segments/service.js';
import { useTestDatabase } from '../../helpers/test-db.js';

describe('saving a segment', () => {
  const t = useTestDatabase();

  it('is all or nothing: a failure while writing members leaves no segment and no links', async () => {
    const users = Array.from({ length: 12 }, (_, i) => ({ id: `u${i}`, props: { consentProfiling: true, consentMarketing: true } }));
    await t.db.mutate(ingestQueries.upsertUsers, { rows: users });
    const members = users.map((user, i) => ({ userId: user.id, score: 1 - i / 100 }));
    // The member statement fails as a lost connection would, after the segment node was created.
    const failing = new Proxy(t.db, {
      get(target, property, receiver) {
        if (property === 'run' || property === 'mutate') {
          return (...args: [unknown, { name: string }, ...unknown[]]) => {
            const query = property === 'run' ? args[1] : (args[0] as { name: string });
            if (query.name === 'segments/add-members') throw new Error('connection lost');
            return (Reflect.get(target, property, receiver) as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    await expect(new SegmentsService(failing).save('buyers', 'LOOKALIKE', {}, ['u0', 'u1'], 2, members)).rejects.toThrow('connection lost');
    expect(await t.cypher('MATCH (s:Segment) RETURN s')).toEqual([]);
    expect(await t.cypher('MATCH ()-[r:INCLUDES|SEEDED_BY]->() RETURN r')).toEqual([]);

    const saved = await new SegmentsService(t.db).save('buyers', 'LOOKALIKE', {}, ['u0', 'u1'], 2, members);
    expect(await new SegmentsService(t.db).memberCount(saved.id)).toBe(12);
  });

  it('shows as members only users who consent to profiling and to marketing now', async () => {
    const users = ['a', 'b', 'c', 'd'].map((id) => ({ id, props: { consentProfiling: true, consentMarketing: true } }));
    await t.db.mutate(ingestQueries.upsertUsers, { rows: users });
    const segments = new SegmentsService(t.db);
    const saved = await segments.save(
      'audience',
      'IMPORTED',
      {},
      [],
      0,
      users.map((user, i) => ({ userId: user.id, score: 1 - i / 10 })),
    );
    // After saving, b withdraws marketing consent and c profiling consent.
    await t.cypher(`MATCH (b:User {id: 'b'}) SET b.consentMarketing = false WITH 1 AS done MATCH (c:User {id: 'c'}) SET c.consentProfiling = false`);
    expect(await segments.memberCount(saved.id)).toBe(2);
    const page = await t.graphql(`query ($id: ID!) { segment(id: $id) { size members(first: 10) { totalCount nodes { user { id } } } } }`, { id: saved.id });
    expect(page.errors).toBeUndefined();
    expect(page.data).toEqual({ segment: { size: 4, members: { totalCount: 2, nodes: [{ user: { id: 'a' } }, { user: { id: 'd' } }] } } });
  });
});
