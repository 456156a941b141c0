import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CostCache } from '../../src/graphql/cost.js';

const PAGE = parse(`query Page($id: ID!, $n: Int, $withFollowers: Boolean!) {
  user(id: $id) { id followers(first: $n) @include(if: $withFollowers) { nodes { id } } kolSet(k: 5) { estimatedReach } }
}`);

/** A cache over PAGE whose compute counts its calls and answers `answer`. */
function counted(maxCost: number, answer = 10) {
  const cache = new CostCache(maxCost);
  let computed = 0;
  const cost = (variables: Record<string, unknown>, document = PAGE, operationName?: string) =>
    cache.cost(document, operationName, variables, () => {
      computed += 1;
      return answer;
    });
  return { cost, computed: () => computed };
}

describe('cost cache', () => {
  it('costs a document once whatever the variables the cost does not read', () => {
    const { cost, computed } = counted(1_000);
    for (const id of ['u1', 'u2', 'u3']) expect(cost({ id, n: 10, withFollowers: true })).toBe(10);
    expect(computed()).toBe(1);
  });

  it('costs again for another page size, another @include, another operation or another document', () => {
    const { cost, computed } = counted(1_000);
    cost({ id: 'u1', n: 10, withFollowers: true });
    cost({ id: 'u1', n: 50, withFollowers: true });
    cost({ id: 'u1', n: 50, withFollowers: false });
    cost({ id: 'u1', n: 50, withFollowers: false }, PAGE, 'Page');
    cost({ id: 'u1', n: 50, withFollowers: false }, parse('query { users(first: 5) { nodes { id } } }'));
    expect(computed()).toBe(5);
  });

  it('never keeps a cost over the limit: such a request is costed again each time', () => {
    const { cost, computed } = counted(100, 5_000);
    cost({ id: 'u1', n: 10, withFollowers: true });
    cost({ id: 'u2', n: 10, withFollowers: true });
    expect(computed()).toBe(2);
  });

  it('keeps no cost when computing it fails (variables that do not coerce)', () => {
    const cache = new CostCache(1_000);
    const failing = () => {
      throw new Error('Variable "$n" got invalid value');
    };
    expect(() => cache.cost(PAGE, undefined, { id: 'u1', n: 'many', withFollowers: true }, failing)).toThrow(/invalid value/);
    expect(cache.cost(PAGE, undefined, { id: 'u1', n: 'many', withFollowers: true }, () => 7)).toBe(7);
  });
});
