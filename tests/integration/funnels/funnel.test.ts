import { describe, expect, it } from 'vitest';
import { seedCatalog, seedUsers } from '../../helpers/fixtures.js';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';

const record = `mutation ($e: [EventInput!]!) { recordEvents(events: $e) { applied ignored } }`;
const funnel = `query ($steps: [EventStepInput!]!, $within: Duration, $group: PortraitGroupInput) {
  funnel(steps: $steps, within: $within, group: $group) {
    since until within minGroupSize
    steps { position kind productId interestId category users conversion overallConversion medianSecondsFromPrevious } } }`;

const now = new Date('2026-06-01T12:00:00Z');
const t0 = now.getTime() - 5 * 86_400_000;
const at = (hours: number) => new Date(t0 + hours * 3_600_000).toISOString();

// ana views the record and buys it 2 h later; bo buys 3 days after his view (outside a 1-day
// window); cy bought before she viewed (wrong order); dee only looks at shoes; eve converts but
// withdrew profiling consent; fay converted 40 days ago (before the window opens).
const EVENTS = [
  { userId: 'ana', productId: 'p-record', kind: 'VIEW', at: at(0) },
  { userId: 'ana', productId: 'p-record', kind: 'VIEW', at: at(1) },
  { userId: 'ana', productId: 'p-record', kind: 'PURCHASE', at: at(2) },
  { userId: 'ana', productId: 'p-record', kind: 'RATE', at: at(5), score: 5 },
  { userId: 'bo', productId: 'p-record', kind: 'VIEW', at: at(0) },
  { userId: 'bo', productId: 'p-record', kind: 'PURCHASE', at: at(72) },
  { userId: 'cy', productId: 'p-record', kind: 'PURCHASE', at: at(-1) },
  { userId: 'cy', productId: 'p-record', kind: 'VIEW', at: at(0) },
  { userId: 'dee', productId: 'p-shoes', kind: 'VIEW', at: at(0) },
  { userId: 'eve', productId: 'p-record', kind: 'VIEW', at: at(0) },
  { userId: 'eve', productId: 'p-record', kind: 'PURCHASE', at: at(4) },
  { userId: 'fay', productId: 'p-record', kind: 'VIEW', at: at(-35 * 24) },
  { userId: 'fay', productId: 'p-record', kind: 'PURCHASE', at: at(-35 * 24 + 1) },
];

const VIEW_THEN_BUY = [
  { kind: 'VIEW', category: 'music' },
  { kind: 'PURCHASE', productId: 'p-record' },
];

async function seed(t: ReturnType<typeof useTestDatabase>): Promise<void> {
  await seedCatalog(t);
  await seedUsers(t, [
    ...['ana', 'bo', 'cy', 'dee', 'fay'].map((id) => ({ id, displayName: id, consentProfiling: true, consentMarketing: true })),
    { id: 'eve', displayName: 'eve', consentProfiling: false, consentMarketing: false },
  ]);
  expect((await t.graphql(record, { e: EVENTS }, { now })).data?.recordEvents.applied).toBe(EVENTS.length);
}

describe('funnel(steps:, within:)', () => {
  const t = useTestDatabase({ PORTRAIT_MIN_BUCKET_SIZE: '1' });

  it('counts users through ordered steps within the window, with conversion and median time', async () => {
    await seed(t);
    const result = await t.graphql(funnel, { steps: VIEW_THEN_BUY, within: 'P1D' }, { now });
    expect(result.errors).toBeUndefined();
    const answer = result.data?.funnel;
    expect(answer).toMatchObject({ since: '2026-05-02T12:00:00.000Z', until: '2026-06-01T12:00:00.000Z', within: 'P1D', minGroupSize: 1 });
    expect(answer.steps).toEqual([
      {
        position: 1,
        kind: 'VIEW',
        productId: null,
        interestId: null,
        category: 'music',
        users: 3,
        conversion: null,
        overallConversion: 1,
        medianSecondsFromPrevious: null,
      },
      {
        position: 2,
        kind: 'PURCHASE',
        productId: 'p-record',
        interestId: null,
        category: null,
        users: 1,
        conversion: 1 / 3,
        overallConversion: 1 / 3,
        // ana entered at her first view (0 h) and bought at 2 h.
        medianSecondsFromPrevious: 7_200,
      },
    ]);

    // A wider window lets bo's purchase count; a third step (rating after buying) only ana did.
    const wide = await t.graphql(funnel, { steps: [...VIEW_THEN_BUY, { kind: 'RATE', interestId: 'jazz' }], within: 'P7D' }, { now });
    expect(wide.data?.funnel.steps.map((step: { users: number }) => step.users)).toEqual([3, 2, 1]);
    expect(wide.data?.funnel.steps[1].medianSecondsFromPrevious).toBe(((2 + 72) / 2) * 3_600);
    expect(wide.data?.funnel.steps[2].medianSecondsFromPrevious).toBe(3 * 3_600);

    // A group narrows who is counted.
    const group = await t.graphql(funnel, { steps: VIEW_THEN_BUY, within: 'P1D', group: { userIds: ['bo', 'cy', 'dee'] } }, { now });
    expect(group.data?.funnel.steps.map((step: { users: number }) => step.users)).toEqual([2, 0]);

    // Redelivered events (a stream after a crash) change nothing.
    expect((await t.graphql(record, { e: EVENTS }, { now })).data?.recordEvents).toEqual({ applied: 0, ignored: EVENTS.length });
    const again = await t.graphql(funnel, { steps: VIEW_THEN_BUY, within: 'P1D' }, { now });
    expect(again.data?.funnel.steps.map((step: { users: number }) => step.users)).toEqual([3, 1]);
  });

  it('forgets a deleted user with their events, and refuses bad funnels with BAD_USER_INPUT', async () => {
    await seed(t);
    const [before] = await t.cypher<{ n: { toNumber(): number } }>('MATCH (e:Event) RETURN count(e) AS n');
    expect((await t.graphql(`mutation { deleteUser(id: "ana") { deletedUserId } }`)).errors).toBeUndefined();
    const [after] = await t.cypher<{ n: { toNumber(): number } }>('MATCH (e:Event) RETURN count(e) AS n');
    expect((before?.n.toNumber() ?? 0) - (after?.n.toNumber() ?? 0)).toBe(4);
    const gone = await t.graphql(funnel, { steps: VIEW_THEN_BUY, within: 'P1D' }, { now });
    expect(gone.data?.funnel.steps.map((step: { users: number }) => step.users)).toEqual([2, 0]);

    for (const variables of [
      { steps: [] },
      { steps: VIEW_THEN_BUY, within: 'P1M' },
      { steps: VIEW_THEN_BUY, within: 'P400D' },
      { steps: VIEW_THEN_BUY, within: 'soon' },
      { steps: [{ kind: 'VIEW', productId: 'p-record', category: 'music' }] },
      { steps: Array.from({ length: 9 }, () => ({ kind: 'VIEW' })) },
      { steps: VIEW_THEN_BUY, group: {} },
    ]) {
      const refused = await t.graphql(funnel, variables, { now });
      expect(refused.data ?? null, JSON.stringify(variables)).toBeNull();
      expect(errorCode(refused), JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
  });
});

describe('funnel k-anonymity', () => {
  const t = useTestDatabase({ PORTRAIT_MIN_BUCKET_SIZE: '2' });

  it('hides a step fewer than minGroupSize users reached, and what would reveal it', async () => {
    await seed(t);
    const steps = (await t.graphql(funnel, { steps: VIEW_THEN_BUY, within: 'P1D' }, { now })).data?.funnel.steps;
    expect(steps[0]).toMatchObject({ users: 3, overallConversion: 1 });
    expect(steps[1]).toMatchObject({ users: null, conversion: null, overallConversion: null, medianSecondsFromPrevious: null });
  });
});
