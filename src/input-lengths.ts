/**
 * How long a text value may be, by the name of the field or argument that carries it: the same
 * table for GraphQL input (graphql/input-lengths.ts) and imported rows. Indexed properties
 * must stay far below Neo4j's index key limit (about 8 kB: a 40 KB region was an
 * INTERNAL_SERVER_ERROR "Property value is too large to index"), and no free-text field needs
 * megabytes (a 5 MB displayName was stored).
 */
const MAX_LENGTHS: Readonly<Record<string, number>> = {
  displayName: 200,
  name: 200,
  region: 100,
  city: 100,
  occupation: 100,
  category: 100,
  brand: 100,
  email: 254,
  // A review (recordEvents kind REVIEW, the stream, events.csv).
  text: 5_000,
  phone: 32,
  // A CSV cell listing a product's interests ("jazz:1;vinyl:0.5;…"); each id is checked again.
  interests: 100_000,
};

/** Ids of every kind (id, userId, productIds, …). */
export const MAX_ID_LENGTH = 200;
/** Any other string: cursors, JSON options, names not listed above. */
export const MAX_TEXT_LENGTH = 2_000;

const isIdName = (name: string) => /(^id|Id|Ids|^ids)$/.test(name);

export function maxLengthOf(name: string): number {
  return MAX_LENGTHS[name] ?? (isIdName(name) ? MAX_ID_LENGTH : MAX_TEXT_LENGTH);
}

/** A readable complaint when `value` is longer than `name` allows, else null. */
export function lengthProblem(name: string, value: string): string | null {
  const max = maxLengthOf(name);
  return value.length > max ? `${name} is ${value.length.toLocaleString('en-US')} characters long; at most ${max.toLocaleString('en-US')} are allowed.` : null;
}
