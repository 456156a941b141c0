import { beforeEach, describe, expect, it } from 'vitest';
import { exportSegment } from '../../../src/segments/export.js';
import { SegmentsService } from '../../../src/segments/service.js';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

const PREVIEW = `query($rule: SegmentRuleInput!, $n: Int) { previewSegment(rule: $rule, sampleSize: $n) { size withoutMarketingConsent sample { id email } } }`;

/**
 * Eight users with known facts. a..f consent to profiling and marketing; g lacks marketing
 * consent; h withdrew profiling consent (never matches anything).
 */
async function seed(t: ReturnType<typeof useTestDatabase>): Promise<void> {
  await t.cypher(
    `UNWIND $users AS row
     CREATE (u:User {id: row.id, displayName: row.id, gender: row.gender, region: row.region, birthYear: row.birthYear,
                     email: row.id + '@example.com', consentProfiling: row.profiling, consentMarketing: row.marketing,
                     createdAt: datetime($created)})`,
    {
      created: ago(400),
      users: [
        { id: 'a', gender: 'FEMALE', region: 'north', birthYear: 1990, profiling: true, marketing: true },
        { id: 'b', gender: 'MALE', region: 'north', birthYear: 1985, profiling: true, marketing: true },
        { id: 'c', gender: 'FEMALE', region: 'south', birthYear: 2000, profiling: true, marketing: true },
        { id: 'd', gender: 'MALE', region: 'south', birthYear: 1970, profiling: true, marketing: true },
        { id: 'e', gender: 'FEMALE', region: 'east', birthYear: 1995, profiling: true, marketing: true },
        { id: 'f', gender: 'MALE', region: 'east', birthYear: null, profiling: true, marketing: true },
        { id: 'g', gender: 'FEMALE', region: 'north', birthYear: 1990, profiling: true, marketing: false },
        { id: 'h', gender: 'FEMALE', region: 'north', birthYear: 1990, profiling: false, marketing: true },
      ],
    },
  );
  await t.cypher(`
    CREATE (baby:Interest {id: 'baby', name: 'Baby'}), (jazz:Interest {id: 'jazz', name: 'Jazz'})
    CREATE (p1:Product {id: 'p1', name: 'Stroller', category: 'kids'})-[:HAS_INTEREST {weight: 1.0}]->(baby)
    CREATE (p2:Product {id: 'p2', name: 'Bottle', category: 'kids'})-[:HAS_INTEREST {weight: 1.0}]->(baby)
    CREATE (p3:Product {id: 'p3', name: 'Record', category: 'music'})-[:HAS_INTEREST {weight: 1.0}]->(jazz)`);
  // Purchases: a bought two baby products within 60 days; b one inside, one just outside;
  // c two baby products, one exactly at the window's start (inclusive); d one expensive record.
  await t.cypher(
    `UNWIND $rows AS row
     MATCH (u:User {id: row.u}), (p:Product {id: row.p})
     CREATE (u)-[:PURCHASED {at: datetime(row.at), quantity: 1, amount: row.amount}]->(p)`,
    {
      rows: [
        { u: 'a', p: 'p1', at: ago(10), amount: 200 },
        { u: 'a', p: 'p2', at: ago(20), amount: 10 },
        { u: 'b', p: 'p1', at: ago(30), amount: 200 },
        { u: 'b', p: 'p2', at: new Date(NOW.getTime() - 60 * DAY - 1000).toISOString(), amount: 10 },
        { u: 'c', p: 'p1', at: ago(5), amount: 200 },
        { u: 'c', p: 'p2', at: ago(60), amount: 10 },
        { u: 'd', p: 'p3', at: ago(1), amount: 900 },
        { u: 'g', p: 'p1', at: ago(1), amount: 200 },
        { u: 'g', p: 'p2', at: ago(2), amount: 10 },
        { u: 'h', p: 'p1', at: ago(1), amount: 200 },
        { u: 'h', p: 'p2', at: ago(2), amount: 10 },
      ],
    },
  );
  await t.cypher(
    `
    MATCH (a:User {id: 'a'}), (c:User {id: 'c'}), (e:User {id: 'e'}), (b:User {id: 'b'}), (d:User {id: 'd'}), (f:User {id: 'f'})
    MATCH (baby:Interest {id: 'baby'}), (jazz:Interest {id: 'jazz'})
    CREATE (a)-[:INTERESTED_IN {weight: 0.9}]->(baby), (c)-[:INTERESTED_IN {weight: 0.3}]->(baby), (d)-[:INTERESTED_IN {weight: 0.8}]->(jazz)
    CREATE (b)-[:FOLLOWS]->(a), (c)-[:FOLLOWS]->(a), (d)-[:FOLLOWS]->(a), (e)-[:FOLLOWS]->(b), (f)-[:FOLLOWS]->(b)
    CREATE (e)-[:VIEWED {count: 3, lastAt: datetime($recent)}]->(:Product {id: 'p4', name: 'Toy', category: 'kids'})
    CREATE (:Community {id: 'c1', jobId: 'j', index: 0, size: 2})<-[:MEMBER_OF]-(e), (f)-[:MEMBER_OF]->(:Community {id: 'c2', jobId: 'j', index: 1, size: 1})
    CREATE (s:Segment {id: 's1', name: 'saved'})-[:INCLUDES {score: 1.0, rank: 1}]->(d)`,
    { recent: ago(3) },
  );
}

describe('segment rules (previewSegment)', () => {
  const t = useTestDatabase();
  beforeEach(() => seed(t));

  const ids = async (rule: unknown) => {
    const result = await t.graphql(PREVIEW, { rule, n: 50 }, { now: NOW });
    expect(result.errors).toBeUndefined();
    return (result.data?.previewSegment.sample as { id: string }[]).map((user) => user.id);
  };

  it('tests attributes: equals, in, range, exists', async () => {
    expect(await ids({ attribute: { attribute: 'REGION', equals: 'north' } })).toEqual(['a', 'b']);
    expect(await ids({ attribute: { attribute: 'REGION', in: ['south', 'east'] } })).toEqual(['c', 'd', 'e', 'f']);
    expect(await ids({ attribute: { attribute: 'BIRTH_YEAR', min: 1985, max: 1995 } })).toEqual(['a', 'b', 'e']);
    expect(await ids({ attribute: { attribute: 'BIRTH_YEAR', exists: false } })).toEqual(['f']);
    expect(await ids({ attribute: { attribute: 'BIRTH_YEAR', equals: '2000' } })).toEqual(['c']);
  });

  it('tests interests by weight, and combines with and / or / not', async () => {
    expect(await ids({ interest: { interestId: 'baby' } })).toEqual(['a', 'c']);
    expect(await ids({ interest: { interestId: 'baby', minWeight: 0.5 } })).toEqual(['a']);
    expect(await ids({ and: [{ attribute: { attribute: 'GENDER', equals: 'FEMALE' } }, { not: { interest: { interestId: 'baby' } } }] })).toEqual(['e']);
    expect(await ids({ or: [{ interest: { interestId: 'jazz' } }, { attribute: { attribute: 'REGION', equals: 'east' } }] })).toEqual(['d', 'e', 'f']);
  });

  it('counts events within a window whose start is inclusive, on products by interest, category and amount', async () => {
    const twoBabyPurchases = { event: { kind: 'PURCHASE', atLeast: 2, withinDays: 60, interestId: 'baby' } };
    // b's second purchase is one second before the window; c's is exactly at its start.
    expect(await ids(twoBabyPurchases)).toEqual(['a', 'c']);
    expect(await ids({ event: { kind: 'PURCHASE', atLeast: 2, withinDays: 61, interestId: 'baby' } })).toEqual(['a', 'b', 'c']);
    expect(await ids({ event: { kind: 'PURCHASE', category: 'music' } })).toEqual(['d']);
    expect(await ids({ event: { kind: 'PURCHASE', minAmount: 500 } })).toEqual(['d']);
    expect(await ids({ event: { kind: 'PURCHASE', did: false } })).toEqual(['e', 'f']);
    expect(await ids({ event: { kind: 'VIEW', withinDays: 7 } })).toEqual(['e']);
    expect(await ids({ event: { kind: 'VIEW', withinDays: 2 } })).toEqual([]);
  });

  it('tests the social graph, communities and saved segments', async () => {
    expect(await ids({ follows: { userId: 'a' } })).toEqual(['b', 'c', 'd']);
    expect(await ids({ followedBy: { atLeast: 2 } })).toEqual(['a', 'b']);
    expect(await ids({ community: { communityId: 'c1' } })).toEqual(['e']);
    expect(await ids({ segment: { segmentId: 's1' } })).toEqual(['d']);
    // No published influence run: nobody has a percentile.
    expect(await ids({ influence: { minPercentile: 0 } })).toEqual([]);
  });

  it('reads influence percentiles from the published run: rank ≤ 1 + (1 − p) · count', async () => {
    // A published run over 4 users in slot B: ranks a 1, b 2, c 3, d 4 (percentiles 1, 0.75, 0.5, 0.25).
    await t.cypher(`CREATE (:AnalyticsState {id: 'current', influenceJobId: 'run1', influenceSlot: 'B', influenceCount: 4})`);
    await t.cypher(
      `UNWIND $ranks AS row MATCH (u:User {id: row.id}) SET u.influenceRankB = row.rank, u.influenceScoreB = 1.0 / row.rank, u.influenceJobB = 'run1'`,
      {
        ranks: [
          { id: 'a', rank: 1 },
          { id: 'b', rank: 2 },
          { id: 'c', rank: 3 },
          { id: 'd', rank: 4 },
        ],
      },
    );
    // A stale rank from another run never counts.
    await t.cypher(`MATCH (u:User {id: 'e'}) SET u.influenceRankB = 1, u.influenceJobB = 'old'`);
    expect(await ids({ influence: { minPercentile: 0.75 } })).toEqual(['a', 'b']);
    expect(await ids({ influence: { minPercentile: 0.76 } })).toEqual(['a']);
    expect(await ids({ influence: { minPercentile: 0 } })).toEqual(['a', 'b', 'c', 'd']);
  });

  it('counts users without marketing consent apart and never shows them; profiling withdrawal excludes entirely', async () => {
    const result = await t.graphql(PREVIEW, { rule: { event: { kind: 'PURCHASE', atLeast: 2, withinDays: 60, interestId: 'baby' } }, n: 50 }, { now: NOW });
    // a and c are reachable; g matches without marketing consent; h withdrew profiling consent.
    expect(result.data?.previewSegment).toMatchObject({ size: 2, withoutMarketingConsent: 1 });
    const analyst = await t.graphql(PREVIEW, { rule: { attribute: { attribute: 'REGION', equals: 'north' } }, n: 1 }, { now: NOW, role: 'analyst' });
    expect(analyst.data?.previewSegment.sample).toEqual([{ id: 'a', email: 'a***@example.com' }]);
  });

  it('refuses invalid rules with BAD_USER_INPUT naming where and why, and writes nothing', async () => {
    const cases: [unknown, string][] = [
      [{}, 'rule: set exactly one'],
      [
        { and: [{ interest: { interestId: 'baby' } }, { attribute: { attribute: 'REGION', equals: 'x' }, interest: { interestId: 'baby' } }] },
        'rule.and[1]: set exactly one field; got attribute, interest',
      ],
      [{ not: { event: { kind: 'PURCHASE', withinDays: 0 } } }, 'rule.not.event.withinDays: must be a whole number of days'],
      [{ attribute: { attribute: 'REGION', min: 3 } }, 'rule.attribute.min: REGION takes equals, in, exists'],
      [{ attribute: { attribute: 'BIRTH_YEAR', min: 2000, max: 1990 } }, 'rule.attribute.min: min 2000 is above max 1990'],
      [{ event: { kind: 'VIEW', minAmount: 3 } }, 'rule.event.minAmount: only purchases have an amount'],
      [{ or: [] }, 'rule.or: needs at least one rule'],
      [{ influence: { minPercentile: 1.5 } }, 'rule.influence.minPercentile: must be between 0 and 1'],
      // A blank read as Number(" ") = 0: the year 0.
      [{ attribute: { attribute: 'BIRTH_YEAR', in: ['1990', ' '] } }, 'rule.attribute.in[1]: BIRTH_YEAR is a whole number; got " "'],
      [{ attribute: { attribute: 'BIRTH_YEAR', equals: '' } }, 'rule.attribute.equals: BIRTH_YEAR is a whole number; got ""'],
      [{ attribute: { attribute: 'BIRTH_YEAR', equals: '1e3' } }, 'rule.attribute.equals: BIRTH_YEAR is a whole number'],
    ];
    const before = await t.cypher<{ n: number }>('MATCH (n) RETURN count(n) AS n');
    for (const [rule, message] of cases) {
      const result = await t.graphql(PREVIEW, { rule }, { now: NOW });
      expect(errorCode(result), JSON.stringify(rule)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toContain(`Invalid segment rule at ${message}`);
    }
    let deep: unknown = { interest: { interestId: 'baby' } };
    for (let i = 0; i < 9; i += 1) deep = { not: deep };
    expect((await t.graphql(PREVIEW, { rule: deep }, { now: NOW })).errors?.[0]?.message).toContain('nest at most 8 deep');
    expect(await t.cypher('MATCH (n) RETURN count(n) AS n')).toEqual(before);
  });

  it('never puts a caller value into the statement text', async () => {
    const queries = t.countQueries();
    const texts: string[] = [];
    const stop = t.db.onQuery(({ text }) => texts.push(text));
    const hostile = "x'}) DETACH DELETE u //";
    await ids({ and: [{ attribute: { attribute: 'REGION', equals: hostile } }, { event: { kind: 'PURCHASE', category: hostile, interestId: hostile } }] });
    stop();
    queries.stop();
    // The rule's statement, and the published-runs read influence rules need
    // (and the population count that decides whether to sample: segments/sampling.ts).
    expect(queries.byName()).toEqual({ 'segments/preview-rule': 1, 'analytics/current-results': 1, 'profiles/consenting-user-count': 1 });
    expect(texts.join('\n')).not.toContain(hostile);
    expect(await t.cypher('MATCH (u:User) RETURN toString(count(u)) AS n')).toEqual([{ n: '8' }]);
  });
});

describe('rule segments', () => {
  const t = useTestDatabase();
  beforeEach(() => seed(t));

  const CREATE = `mutation($name: String!, $rule: SegmentRuleInput!) { createSegment(name: $name, rule: $rule) { id kind size rule } }`;
  const MEMBERS = `query($id: ID!, $after: String) { segment(id: $id) { size members(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { rank user { id } } } } }`;

  it('evaluates members on read, pages them, and follows rule updates; deletes', async () => {
    const created = await t.graphql(CREATE, { name: 'north', rule: { attribute: { attribute: 'REGION', in: ['north', 'east'] } } }, { now: NOW });
    expect(created.errors).toBeUndefined();
    const segment = created.data?.createSegment;
    // a, b (north), e, f (east); g lacks marketing consent, h withdrew profiling consent.
    expect(segment).toMatchObject({ kind: 'RULE', size: 4 });
    expect(JSON.parse(segment.rule)).toEqual({ attribute: { attribute: 'REGION', in: ['north', 'east'] } });
    const first = await t.graphql(MEMBERS, { id: segment.id }, { now: NOW });
    expect(first.data?.segment.members).toMatchObject({
      totalCount: 4,
      pageInfo: { hasNextPage: true },
      nodes: [
        { rank: 1, user: { id: 'a' } },
        { rank: 2, user: { id: 'b' } },
      ],
    });
    const second = await t.graphql(MEMBERS, { id: segment.id, after: first.data?.segment.members.pageInfo.endCursor }, { now: NOW });
    expect(second.data?.segment.members).toMatchObject({
      pageInfo: { hasNextPage: false },
      nodes: [
        { rank: 3, user: { id: 'e' } },
        { rank: 4, user: { id: 'f' } },
      ],
    });

    // Dynamic: a user who starts to match is a member on the next read; consent withdrawal removes one.
    await t.cypher(`MATCH (u:User {id: 'c'}) SET u.region = 'north'`);
    await t.cypher(`MATCH (u:User {id: 'a'}) SET u.consentMarketing = false`);
    expect((await t.graphql(MEMBERS, { id: segment.id }, { now: NOW })).data?.segment.members.nodes.map((n: { user: { id: string } }) => n.user.id)).toEqual([
      'b',
      'c',
    ]);

    const updated = await t.graphql(
      `mutation($id: ID!, $rule: SegmentRuleInput) { updateSegment(id: $id, rule: $rule) { size } }`,
      { id: segment.id, rule: { interest: { interestId: 'jazz' } } },
      { now: NOW },
    );
    expect(updated.data?.updateSegment).toEqual({ size: 1 });
    const invalid = await t.graphql(
      `mutation($id: ID!, $rule: SegmentRuleInput) { updateSegment(id: $id, rule: $rule) { size } }`,
      { id: segment.id, rule: { or: [] } },
      { now: NOW },
    );
    expect(errorCode(invalid)).toBe('BAD_USER_INPUT');
    expect(JSON.parse((await t.graphql(`query($id: ID!) { segment(id: $id) { rule } }`, { id: segment.id })).data?.segment.rule)).toEqual({
      interest: { interestId: 'jazz', minWeight: 0 },
    });

    const list = await t.graphql(`{ segments(first: 10) { totalCount nodes { id kind } } }`);
    expect(list.data?.segments).toMatchObject({ totalCount: 2, nodes: expect.arrayContaining([{ id: segment.id, kind: 'RULE' }]) });
    expect((await t.graphql(`mutation($id: ID!) { deleteSegment(id: $id) }`, { id: segment.id })).data?.deleteSegment).toBe(true);
    expect((await t.graphql(`query($id: ID!) { segment(id: $id) { id } }`, { id: segment.id })).data?.segment).toBeNull();
    expect(await t.cypher(`MATCH (u:User) RETURN count(u) AS n`)).toHaveLength(1);
  });

  it('refuses an invalid rule or name without saving, and needs a writing role', async () => {
    expect(errorCode(await t.graphql(CREATE, { name: 'x', rule: { and: [] } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.graphql(CREATE, { name: ' ', rule: { interest: { interestId: 'jazz' } } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.graphql(CREATE, { name: 'x', rule: { interest: { interestId: 'jazz' } } }, { role: 'analyst' }))).toBe('FORBIDDEN');
    expect(await t.cypher(`MATCH (s:Segment {kind: 'RULE'}) RETURN s`)).toEqual([]);
  });

  it('seeds a lookalike and exports with the current members', async () => {
    const { data } = await t.graphql(CREATE, { name: 'buyers', rule: { event: { kind: 'PURCHASE' } } });
    const id = data?.createSegment.id as string;
    // a, b, c, d bought; g (no marketing consent) and h (no profiling consent) are not members.
    expect(await new SegmentsService(t.db).memberIds(id)).toEqual(['a', 'b', 'c', 'd']);
    const lines: string[] = [];
    const report = await exportSegment(t.db, id, 'ids', (line) => void lines.push(line));
    expect(report).toEqual({ written: 4, withoutConsent: 0, withoutIdentifier: 0 });
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['1', '2', '3', '4']);
    expect(lines.join('\n')).toContain('d');
    // The API pages the same members, ranked by id, continuing the ranks across pages.
    const EXPORT = `query ($id: ID!, $after: String) { segment(id: $id) { export(target: IDS, first: 3, after: $after) { lines pageInfo { hasNextPage endCursor } } } }`;
    const first = (await t.graphql(EXPORT, { id })).data?.segment.export;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await t.graphql(EXPORT, { id, after: first.pageInfo.endCursor })).data?.segment.export;
    expect([...first.lines, ...second.lines]).toEqual(lines.slice(1));
    expect(second.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });

  it('refers to a RULE segment by its rule now, measures overlap, and snapshots members', async () => {
    const create = async (name: string, rule: unknown) => (await t.graphql(CREATE, { name, rule })).data?.createSegment.id as string;
    const north = await create('north', { attribute: { attribute: 'REGION', equals: 'north' } });
    const buyers = await create('buyers', { event: { kind: 'PURCHASE' } });
    // a, b are north; a, b, c, d bought: both = a, b. The reference is evaluated now, not stored.
    const both = await create('north buyers', { and: [{ segment: { segmentId: north } }, { segment: { segmentId: buyers } }] });
    const members = async (id: string) =>
      (
        (await t.graphql(`query($id: ID!) { segment(id: $id) { members(first: 10) { nodes { user { id } } } } }`, { id })).data?.segment.members.nodes as {
          user: { id: string };
        }[]
      ).map((node) => node.user.id);
    expect(await members(both)).toEqual(['a', 'b']);
    const overlap = await t.graphql(`query($id: ID!, $other: ID!) { segment(id: $id) { overlap(otherSegmentId: $other) } }`, { id: north, other: buyers });
    expect(overlap.data?.segment.overlap).toBe(2);

    const snapshot = await t.graphql(`mutation($id: ID!) { snapshotSegment(id: $id, name: "north buyers, June") { id kind size } }`, { id: both });
    expect(snapshot.data?.snapshotSegment).toMatchObject({ kind: 'SNAPSHOT', size: 2 });
    // The rule segment moves with the graph; the snapshot does not.
    await t.cypher(`MATCH (u:User {id: 'c'}) SET u.region = 'north'`);
    expect(await members(both)).toEqual(['a', 'b', 'c']);
    expect(await members(snapshot.data?.snapshotSegment.id)).toEqual(['a', 'b']);

    // A rule that would include itself through a segment is refused when it is made (it used to
    // be saved, and every read of the segments in the cycle failed after); an unknown segment is NOT_FOUND.
    const loop = await t.graphql(`mutation($id: ID!, $rule: SegmentRuleInput) { updateSegment(id: $id, rule: $rule) { id } }`, {
      id: north,
      rule: { segment: { segmentId: both } },
    });
    expect(errorCode(loop)).toBe('BAD_USER_INPUT');
    expect(loop.errors?.[0]?.message).toContain(`this makes a cycle: ${north} → ${both} → ${north}`);
    expect(await members(both)).toEqual(['a', 'b', 'c']);
    expect(errorCode(await t.graphql(PREVIEW, { rule: { segment: { segmentId: 'nope' } } }))).toBe('NOT_FOUND');
  });
});
