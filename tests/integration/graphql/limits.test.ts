import { describe, expect, it } from 'vitest';
import { seedUsers } from '../../helpers/fixtures.js';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';

const KEY_A = 'key-a-0123456789abcdef';
const KEY_B = 'key-b-0123456789abcdef';

const NESTED = `query($n: Int) { users(first: $n) { nodes { id following(first: $n) { nodes { id
  following(first: $n) { nodes { id following(first: $n) { nodes { id displayName email } } } } } } } } }`;

describe('query cost and expensive operations', () => {
  const t = useTestDatabase({ API_KEYS: `${KEY_A}:admin,${KEY_B}:admin`, MAX_EXPENSIVE_PER_KEY: '2' });

  it('answers a request whose variables break more than graphql-js counts (50) with BAD_USER_INPUT only', async () => {
    // Sixty conditions each missing its required field: graphql-js stops at 50 and adds an error without a code.
    const rule = { and: Array.from({ length: 60 }, () => ({ attribute: {} })) };
    const result = await t.graphql('query ($r: SegmentRuleInput!) { previewSegment(rule: $r) { size } }', { r: rule });
    const codes = new Set(result.errors?.map((error) => error.extensions?.['code']));
    expect([...codes]).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.at(-1)?.message).toContain('error limit reached');
  });

  it('costs lists with the variables sent, not as if each held one item', async () => {
    await seedUsers(t, [
      { id: 'u1', displayName: 'U1' },
      { id: 'u2', displayName: 'U2' },
    ]);
    const refused = await t.graphql(NESTED, { n: 100 }, { apiKey: KEY_A });
    expect(errorCode(refused)).toBe('COST_LIMIT_EXCEEDED');
    expect(refused.errors?.[0]?.message).toMatch(/would cost [\d,]+, over the limit of 20,000/);
    expect(refused.data ?? null).toBeNull();
    // The same shape with small pages is fine.
    expect((await t.graphql(NESTED, { n: 3 }, { apiKey: KEY_A })).errors).toBeUndefined();
  });

  it('costs omitted page sizes at the schema default', async () => {
    const defaults = `{ users { nodes { following { nodes { following { nodes { following { nodes { id } } } } } } } } }`;
    expect(errorCode(await t.graphql(defaults, {}, { apiKey: KEY_A }))).toBe('COST_LIMIT_EXCEEDED');
  });

  it('gives expensive fields their weight: five lookalikes in one request are refused', async () => {
    const aliases = [1, 2, 3, 4, 5].map((i) => `l${i}: lookalike(seed: { userIds: ["x"] }, size: 10) { size }`).join(' ');
    expect(errorCode(await t.graphql(`{ ${aliases} }`, {}, { apiKey: KEY_A }))).toBe('COST_LIMIT_EXCEEDED');
  });

  it('lets one API key run at most MAX_EXPENSIVE_PER_KEY expensive operations at once', async () => {
    const lookalike = `{ lookalike(seed: { userIds: ["missing-1", "missing-2"] }, size: 10) { size } }`;
    const together = await Promise.all([1, 2, 3].map(() => t.graphql(lookalike, {}, { apiKey: KEY_A })));
    const codes = together.map(errorCode);
    expect(codes.filter((code) => code === 'TOO_MANY_REQUESTS')).toHaveLength(1);
    // Another key has its own slots, and the first key's slots come back when its calls end.
    expect(errorCode(await t.graphql(lookalike, {}, { apiKey: KEY_B }))).not.toBe('TOO_MANY_REQUESTS');
    expect(errorCode(await t.graphql(lookalike, {}, { apiKey: KEY_A }))).not.toBe('TOO_MANY_REQUESTS');
    // Written inside a fragment, the same field takes a slot too (it escaped the count before).
    const inFragment = `{ ...L } fragment L on Query { lookalike(seed: { userIds: ["missing-1", "missing-2"] }, size: 10) { size } }`;
    const spread = await Promise.all([1, 2, 3].map(() => t.graphql(inFragment, {}, { apiKey: KEY_A })));
    expect(spread.map(errorCode).filter((code) => code === 'TOO_MANY_REQUESTS')).toHaveLength(1);
  });
});
