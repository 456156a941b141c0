/** Small hand-made graphs, written through the public mutations so fixtures exercise them too. */
import { expect } from 'vitest';
import type { useTestDatabase } from './test-db.js';

type T = ReturnType<typeof useTestDatabase>;

export const INTERESTS = [
  { id: 'jazz', name: 'Jazz' },
  { id: 'vinyl', name: 'Vinyl' },
  { id: 'running', name: 'Running' },
];

export const PRODUCTS = [
  {
    id: 'p-record',
    name: 'Blue Train LP',
    category: 'music',
    brand: 'BlueNote',
    price: 25,
    interests: [
      { interestId: 'jazz', weight: 1 },
      { interestId: 'vinyl', weight: 0.5 },
    ],
  },
  { id: 'p-shoes', name: 'Trail shoes', category: 'sport', brand: 'Acme', price: 120, interests: [{ interestId: 'running', weight: 1 }] },
];

export async function seedCatalog(t: T): Promise<void> {
  const result = await t.graphql(
    `mutation ($interests: [InterestInput!]!, $products: [ProductInput!]!) {
       upsertInterests(input: $interests) { created }
       upsertProducts(input: $products) { created }
     }`,
    { interests: INTERESTS, products: PRODUCTS },
  );
  expect(result.errors).toBeUndefined();
}

export async function seedUsers(t: T, users: Record<string, unknown>[]): Promise<void> {
  const result = await t.graphql(`mutation ($input: [UserInput!]!) { upsertUsers(input: $input) { created } }`, { input: users });
  expect(result.errors).toBeUndefined();
}

export async function follow(t: T, pairs: [string, string][]): Promise<void> {
  for (const [followerId, followeeId] of pairs) {
    const result = await t.graphql(`mutation ($a: ID!, $b: ID!) { follow(followerId: $a, followeeId: $b) { created } }`, { a: followerId, b: followeeId });
    expect(result.errors).toBeUndefined();
  }
}

export async function nodeCount(t: T): Promise<number> {
  const [row] = await t.cypher<{ n: { toNumber(): number } }>('MATCH (n) RETURN count(n) AS n');
  return row?.n.toNumber() ?? 0;
}

export async function relationshipCount(t: T): Promise<number> {
  const [row] = await t.cypher<{ n: { toNumber(): number } }>('MATCH ()-[r]->() RETURN count(r) AS n');
  return row?.n.toNumber() ?? 0;
}
