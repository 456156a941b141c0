/**
 * Segments that other rules refer to (issue #43, items 1 and 2): a referenced segment cannot be
 * deleted, a cycle of references cannot be made, and data saved before those guards (a dangling
 * reference, a cycle) never turns a committed write into an error or a list into `data: null`.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { graphEventWriter } from '../../../src/streams/graph-writer.js';
import { seedCatalog, seedUsers } from '../../helpers/fixtures.js';
import { errorCode, useTestDatabase, type GraphqlResult } from '../../helpers/test-db.js';

const CREATE = `mutation ($name: String!, $rule: SegmentRuleInput!) { createSegment(name: $name, rule: $rule) { id } }`;
const UPDATE = `mutation ($id: ID!, $rule: SegmentRuleInput!) { updateSegment(id: $id, rule: $rule) { id rule } }`;
const DELETE = `mutation ($id: ID!) { deleteSegment(id: $id) }`;
const DEFINE_TAG = `mutation ($name: String!, $rule: SegmentRuleInput!) { defineTag(name: $name, rule: $rule) { name } }`;
const RECORD = `mutation ($e: [EventInput!]!) { recordEvents(events: $e) { applied ignored tagRefreshFailures { tag code message } } }`;
const NORTH = { attribute: { attribute: 'REGION', equals: 'North' } };
const refersTo = (segmentId: string) => ({ segment: { segmentId } });

describe('segment references', () => {
  const t = useTestDatabase();

  beforeEach(async () => {
    await seedCatalog(t);
    await seedUsers(t, [
      { id: 'ana', displayName: 'Ana', region: 'North', consentProfiling: true, consentMarketing: true },
      { id: 'bo', displayName: 'Bo', region: 'North', consentProfiling: true, consentMarketing: true },
    ]);
  });

  const create = async (name: string, rule: unknown): Promise<string> => {
    const result = await t.graphql<{ createSegment: { id: string } }>(CREATE, { name, rule });
    expect(result.errors).toBeUndefined();
    return result.data!.createSegment.id;
  };
  /** What a version without the delete guard left behind: the segment gone, its referrers not. */
  const deleteBehindTheApi = (id: string) => t.cypher('MATCH (s:Segment {id: $id}) DETACH DELETE s', { id });

  it('refuses to delete a segment a rule tag or another segment refers to, naming them (CONFLICT); unreferenced, it goes', async () => {
    const s = await create('north', NORTH);
    const y = await create('uses north', refersTo(s));
    expect(
      (await t.graphql(DEFINE_TAG, { name: 't', rule: { and: [refersTo(s), { attribute: { attribute: 'REGION', exists: true } }] } })).errors,
    ).toBeUndefined();

    const refused = await t.graphql(DELETE, { id: s });
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toContain(`segment "uses north" (${y})`);
    expect(refused.errors?.[0]?.message).toContain('rule tag "t"');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ referringSegments: [y], referringTags: ['t'] });
    expect(await t.cypher('MATCH (s:Segment {id: $id}) RETURN s.id AS id', { id: s })).toEqual([{ id: s }]);

    // Once nothing refers to it, it can go (and the referrer first, which nothing refers to).
    expect((await t.graphql(DELETE, { id: y })).data?.deleteSegment).toBe(true);
    expect((await t.graphql(`mutation { deleteTag(name: "t") }`)).data?.deleteTag).toBe(true);
    expect((await t.graphql(DELETE, { id: s })).data?.deleteSegment).toBe(true);
  });

  it('never saves a rule naming a segment a concurrent delete removes: one of the two wins, whole', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 12; round += 1) {
      const target = await create(`target ${round}`, NORTH);
      const send = {
        create: () => t.graphql(CREATE, { name: `uses ${round}`, rule: refersTo(target) }),
        define: () => t.graphql(DEFINE_TAG, { name: `tag ${round}`, rule: refersTo(target) }),
        remove: () => t.graphql(DELETE, { id: target }),
      };
      // Sent in a different order each round: the delete first, in between, or last.
      const order = (['remove', 'create', 'define'] as const).map((_, i, all) => all[(i + round) % all.length] as keyof typeof send);
      const answers = Object.fromEntries(await Promise.all(order.map(async (what) => [what, await send[what]()] as const)));
      const created = answers['create'] as GraphqlResult;
      const defined = answers['define'] as GraphqlResult;
      const deleted = answers['remove'] as GraphqlResult;
      outcomes.push([created, defined, deleted].map((result) => result.errors?.[0]?.extensions?.['code'] ?? 'ok').join('/'));
      // A saved rule never names a segment that is gone.
      const dangling = await t.cypher<{ name: string }>(
        `MATCH (x) WHERE (x:Segment OR x:Tag) AND x.rule CONTAINS $needle AND NOT EXISTS { MATCH (:Segment {id: $id}) }
         RETURN coalesce(x.name, x.id) AS name`,
        { needle: `"segmentId":${JSON.stringify(target)}`, id: target },
      );
      expect(dangling, outcomes.at(-1)).toEqual([]);
      // Either the delete went first (the rules were refused) or it was refused (they are saved).
      if (deleted.data?.deleteSegment === true) {
        expect(created.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
        expect(defined.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
      } else {
        expect(deleted.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
      }
    }
  });

  it('refuses a cycle when it is made, naming it; the rule stays as it was', async () => {
    const x = await create('x', NORTH);
    const y = await create('y', refersTo(x));
    const z = await create('z', { or: [refersTo(y), NORTH] });
    for (const [rule, cycle] of [
      [refersTo(y), `${x} → ${y} → ${x}`],
      [refersTo(x), `${x} → ${x}`],
      [{ and: [NORTH, { not: refersTo(z) }] }, `${x} → ${z} → ${y} → ${x}`],
    ] as const) {
      const refused = await t.graphql(UPDATE, { id: x, rule });
      expect(errorCode(refused), cycle).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.message).toContain(`this makes a cycle: ${cycle}`);
    }
    const [stored] = await t.cypher<{ rule: string }>('MATCH (s:Segment {id: $id}) RETURN s.rule AS rule', { id: x });
    expect(JSON.parse(stored!.rule)).toEqual(NORTH);
    // A rule that refers elsewhere is still fine.
    const other = await create('other', NORTH);
    expect((await t.graphql(UPDATE, { id: x, rule: refersTo(other) })).errors).toBeUndefined();
  });

  it('reads a list with a segment saved before the guards item by item: a null size with an error at its path', async () => {
    const x = await create('x', NORTH);
    const y = await create('y', refersTo(x));
    const fine = await create('fine', NORTH);
    const cycleA = await create('cycle a', NORTH);
    const cycleB = await create('cycle b', refersTo(cycleA));
    await t.cypher('MATCH (s:Segment {id: $id}) SET s.rule = $rule', { id: cycleA, rule: JSON.stringify(refersTo(cycleB)) });
    await deleteBehindTheApi(x);

    const list = await t.graphql<{ segments: { nodes: { id: string; size: number | null }[] } }>(`{ segments(first: 50) { nodes { id size } } }`);
    const sizes = Object.fromEntries(list.data!.segments.nodes.map((node) => [node.id, node.size]));
    expect(sizes).toEqual({ [y]: null, [fine]: 2, [cycleA]: null, [cycleB]: null });
    const failed = (list.errors ?? []).map((error) => [error.path?.at(-1), error.extensions?.['code']]);
    expect(failed).toHaveLength(3);
    expect(failed.every(([field]) => field === 'size')).toBe(true);
    expect(failed.map(([, code]) => code).sort()).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'NOT_FOUND']);
  });

  it('never answers a committed write as failed: a broken rule tag is reported beside the result, through the API and the stream', async () => {
    const s = await create('north', NORTH);
    expect((await t.graphql(DEFINE_TAG, { name: 'buyer', rule: { event: { kind: 'PURCHASE' } } })).errors).toBeUndefined();
    expect((await t.graphql(DEFINE_TAG, { name: 't', rule: refersTo(s) })).errors).toBeUndefined();
    await deleteBehindTheApi(s);

    const events = [
      { userId: 'ana', productId: 'p-record', kind: 'PURCHASE', at: '2026-05-20T10:00:00Z', amount: 25 },
      { userId: 'ana', productId: 'p-record', kind: 'REVIEW', at: '2026-05-20T11:00:00Z', text: 'Warm pressing.' },
    ];
    const recorded = await t.graphql(RECORD, { e: events });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data?.recordEvents).toMatchObject({ applied: 2, ignored: 0 });
    expect(recorded.data?.recordEvents.tagRefreshFailures).toEqual([{ tag: 't', code: 'NOT_FOUND', message: expect.stringContaining(s) }]);
    expect(await t.cypher('MATCH (:User {id: "ana"})-[r:PURCHASED|REVIEWED]->() RETURN type(r) AS type ORDER BY type')).toEqual([
      { type: 'PURCHASED' },
      { type: 'REVIEWED' },
    ]);
    // The other tags were refreshed all the same (ana is a buyer now); t stays as it was.
    expect(await t.cypher('MATCH (:User {id: "ana"})-[:HAS_TAG]->(t:Tag) RETURN t.name AS name ORDER BY name')).toEqual([{ name: 'buyer' }, { name: 't' }]);

    // The stream writes through the same path: the batch resolves (no dead letters); its tags
    // refresh is queued behind it, and the failure is counted and logged there.
    expect(await t.cypher('MATCH (:User {id: "bo"})-[:HAS_TAG]->(:Tag {name: "buyer"}) RETURN 1')).toEqual([]);
    const writer = graphEventWriter(t.deps);
    const written = await writer([{ userId: 'bo', productId: 'p-shoes', kind: 'PURCHASE', at: new Date('2026-05-21T10:00:00Z'), amount: 120 }]);
    expect(written).toMatchObject({ applied: 1 });
    await writer.drain();
    expect(writer.refreshes.stats).toEqual({ users: 1, refreshes: 1, requests: 1, failures: 1 });
    expect(await t.cypher('MATCH (:User {id: "bo"})-[:HAS_TAG]->(t:Tag) RETURN t.name AS name ORDER BY name')).toContainEqual({ name: 'buyer' });

    // A merge commits too, and says what it could not refresh.
    const merged = await t.graphql(`mutation { mergeUsers(survivorId: "ana", mergedId: "bo") { merged tagRefreshFailures { tag code } } }`);
    expect(merged.errors).toBeUndefined();
    expect(merged.data?.mergeUsers).toEqual({ merged: true, tagRefreshFailures: [{ tag: 't', code: 'NOT_FOUND' }] });
  });
});
