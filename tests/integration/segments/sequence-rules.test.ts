import { describe, expect, it } from 'vitest';
import { seedCatalog, seedUsers } from '../../helpers/fixtures.js';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';

const record = `mutation ($e: [EventInput!]!) { recordEvents(events: $e) { applied } }`;
const preview = `query ($rule: SegmentRuleInput!) { previewSegment(rule: $rule, sampleSize: 100) { size sample { id } } }`;

const now = new Date('2026-06-01T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

describe('sequence rules', () => {
  const t = useTestDatabase();

  it('select users who did one event then another (within a gap), or one and not the other afterwards', async () => {
    await seedCatalog(t);
    await seedUsers(
      t,
      ['ana', 'bo', 'cy', 'dee'].map((id) => ({ id, displayName: id, consentProfiling: true, consentMarketing: true })),
    );
    const events = [
      // ana: views the record, buys it 2 days later.
      { userId: 'ana', productId: 'p-record', kind: 'VIEW', at: daysAgo(10) },
      { userId: 'ana', productId: 'p-record', kind: 'PURCHASE', at: daysAgo(8) },
      // bo: views the record, buys it 20 days later.
      { userId: 'bo', productId: 'p-record', kind: 'VIEW', at: daysAgo(30) },
      { userId: 'bo', productId: 'p-record', kind: 'PURCHASE', at: daysAgo(10) },
      // cy: bought first, viewed afterwards, never bought again.
      { userId: 'cy', productId: 'p-record', kind: 'PURCHASE', at: daysAgo(9) },
      { userId: 'cy', productId: 'p-record', kind: 'VIEW', at: daysAgo(5) },
      // dee: viewed shoes only.
      { userId: 'dee', productId: 'p-shoes', kind: 'VIEW', at: daysAgo(3) },
    ];
    expect((await t.graphql(record, { e: events }, { now })).data?.recordEvents.applied).toBe(events.length);
    const members = async (sequence: Record<string, unknown>) => {
      const result = await t.graphql(preview, { rule: { sequence } }, { now });
      expect(result.errors).toBeUndefined();
      return result.data?.previewSegment.sample.map((user: { id: string }) => user.id);
    };
    const viewJazz = { kind: 'VIEW', interestId: 'jazz' };
    const buyMusic = { kind: 'PURCHASE', category: 'music' };

    expect(await members({ first: viewJazz, then: buyMusic })).toEqual(['ana', 'bo']);
    expect(await members({ first: viewJazz, then: buyMusic, gapDays: 7 })).toEqual(['ana']);
    // The first event's window: bo's view was 30 days ago.
    expect(await members({ first: viewJazz, then: buyMusic, withinDays: 14 })).toEqual(['ana']);
    // Viewed and did not buy afterwards: cy (her purchase came before her view).
    expect(await members({ first: { kind: 'VIEW', productId: 'p-record' }, then: { kind: 'PURCHASE', productId: 'p-record' }, thenDid: false })).toEqual([
      'cy',
    ]);
    // Combined with the rest of the language.
    const combined = await t.graphql(
      preview,
      { rule: { and: [{ sequence: { first: viewJazz, then: buyMusic } }, { not: { attribute: { attribute: 'GENDER', exists: true } } }] } },
      { now },
    );
    expect(combined.data?.previewSegment.size).toBe(2);

    for (const sequence of [
      { first: { kind: 'VIEW', productId: 'p-record', category: 'music' }, then: buyMusic },
      { first: viewJazz, then: buyMusic, gapDays: 0 },
      { first: viewJazz, then: { kind: 'PURCHASE', productId: '' } },
    ]) {
      const refused = await t.graphql(preview, { rule: { sequence } }, { now });
      expect(errorCode(refused), JSON.stringify(sequence)).toBe('BAD_USER_INPUT');
    }
  });
});
