import { describe, expect, it } from 'vitest';
import { LookalikeService, SIGNALS, type SignalScores } from '../../../src/lookalike/index.js';
import { seedVariants } from '../../../src/lookalike/seed-profile.js';
import { SegmentsService } from '../../../src/segments/service.js';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';
import { plant } from './planted.js';

const QUERY = `query ($seed: LookalikeSeedInput!, $size: Int!) {
  lookalike(seed: $seed, size: $size) { seedSize size members(first: 100) { nodes { user { id } score } } }
}`;

/** Scores by user id, rounded so sums taken in another order compare equal. */
const byUser = (scores: SignalScores) =>
  Object.fromEntries(
    SIGNALS.map((signal) => [signal, Object.fromEntries([...scores[signal].values()].map((hit) => [hit.userId, Number(hit.score.toFixed(9))]))]),
  );

describe('lookalike seed variants and batching', () => {
  const t = useTestDatabase();

  it('scores each cross-validation fold exactly as a lookalike of that fold’s training part alone', async () => {
    const { seed } = await plant(t);
    await (
      await t.deps.analytics.start(['COMMUNITIES'], 'inprocess', 1)
    ).done;
    const service = new LookalikeService(t.db);
    const folds = [seed.slice(0, 10), seed.slice(10, 20), seed.slice(20)];
    const variants = seedVariants([10, 10, 10], true).map((variant) => ({ ...variant, limit: 500 }));
    const together = await service.signals(folds, variants, SIGNALS, []);
    expect(together).toHaveLength(4);
    for (let fold = 0; fold < 3; fold += 1) {
      const training = folds.filter((_, f) => f !== fold).flat();
      const [alone] = await service.signals(
        [training],
        seedVariants([training.length], false).map((v) => ({ ...v, limit: 500 })),
        SIGNALS,
        [],
      );
      expect(byUser(together[fold] as SignalScores)).toEqual(byUser(alone as SignalScores));
      // Held-back members are candidates of their fold's variant; training members never are.
      expect([...(together[fold]?.INTERESTS.keys() ?? [])].some((id) => folds[fold]?.includes(id))).toBe(true);
      expect([...(together[fold]?.INTERESTS.keys() ?? [])].some((id) => training.includes(id))).toBe(false);
    }
    for (const signal of SIGNALS) expect(together[3]?.[signal].size).toBeGreaterThan(0);
  });

  it('gives the same audience whether the seed is read in one statement or in chunks of 7', async () => {
    const { seed } = await plant(t);
    await (
      await t.deps.analytics.start(['COMMUNITIES'], 'inprocess', 1)
    ).done;
    const whole = await new LookalikeService(t.db).lookalike(seed, 60);
    const counter = t.countQueries();
    const chunked = await new LookalikeService(t.db, null, { seedChunkSize: 7 }).lookalike(seed, 60);
    counter.stop();
    expect(chunked.members.map((m) => [m.userId, m.score.toFixed(9)])).toEqual(whole.members.map((m) => [m.userId, m.score.toFixed(9)]));
    expect(chunked.signals).toEqual(whole.signals);
    // 30 members in chunks of 7: 5 statements per seed read, one expansion per signal but social.
    expect(counter.count('lookalike/seed-check')).toBe(5);
    for (const name of ['seed-interests', 'seed-products', 'seed-social', 'seed-communities']) expect(counter.count(`lookalike/${name}`)).toBe(5);
    for (const name of ['expand-interests', 'expand-products', 'expand-communities']) expect(counter.count(`lookalike/${name}`)).toBe(1);
  });

  it('costs the same statements with 2 folds as with 5 (a seed that fits one chunk)', async () => {
    const { seed } = await plant(t);
    const counts: number[] = [];
    for (const options of [{ holdoutFraction: 0.5 }, { holdoutFraction: 0.2 }]) {
      const counter = t.countQueries();
      const result = await t.graphql(`query ($seed: [ID!]!, $o: LookalikeOptions) { lookalike(seed: { userIds: $seed }, size: 20, options: $o) { size } }`, {
        seed,
        o: options,
      });
      counter.stop();
      expect(result.errors).toBeUndefined();
      counts.push(counter.total());
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(12);
  });

  it('takes a saved segment as the seed: the same audience as its members given as ids', async () => {
    const { seed } = await plant(t);
    // A saved segment of the 30 seed users plus twin9, who withdrew profiling consent.
    const segment = await new SegmentsService(t.db).save(
      'our buyers',
      'IMPORTED',
      {},
      [],
      0,
      [...seed, 'twin9'].map((userId, i) => ({ userId, score: 100 - i })),
    );
    const segmentMembers = [...seed, 'twin9'];
    const fromSegment = await t.graphql(QUERY, { seed: { segmentId: segment.id }, size: 30 });
    const fromIds = await t.graphql(QUERY, { seed: { userIds: seed }, size: 30 });
    expect(fromSegment.errors).toBeUndefined();
    expect(fromSegment.data?.lookalike.seedSize).toBe(30);
    expect(fromSegment.data?.lookalike).toEqual(fromIds.data?.lookalike);

    const saveFromSegment = await t.graphql(
      `mutation ($id: ID!) { saveLookalikeSegment(name: "like our buyers", seed: { segmentId: $id }, size: 10) { id settings } }`,
      { id: segment.id },
    );
    expect(JSON.parse(saveFromSegment.data?.saveLookalikeSegment.settings)).toMatchObject({ seedSegmentId: segment.id });
    // The seed is kept as links, never as ids in settings (an erased user would stay readable there).
    const seeded = await t.cypher<{ ids: string[] }>('MATCH (:Segment {id: $id})-[:SEEDED_BY]->(u:User) RETURN collect(u.id) AS ids', {
      id: saveFromSegment.data?.saveLookalikeSegment.id,
    });
    expect(seeded[0]?.ids.sort()).toEqual([...segmentMembers].sort());

    expect(errorCode(await t.graphql(QUERY, { seed: { segmentId: 'no-such-segment' }, size: 10 }))).toBe('NOT_FOUND');
    const both = await t.graphql(QUERY, { seed: { segmentId: segment.id, userIds: seed }, size: 10 });
    expect(errorCode(both)).toBe('BAD_USER_INPUT');
    expect(both.errors?.[0]?.message).toContain('exactly one of userIds or segmentId');
    expect(errorCode(await t.graphql(QUERY, { seed: {}, size: 10 }))).toBe('BAD_USER_INPUT');
  });
});
