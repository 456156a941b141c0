import { BadInputError } from '../errors.js';

/** What a service returns for one page: items plus whether more exist (it fetched limit+1). */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** A thunk: graphql-js calls it only when the client selects totalCount, so counting is lazy. */
  totalCount: () => Promise<number>;
}

/** A connection as a GraphQL parent, whatever its items (the generated resolver types map every *Connection to it). */
export type AnyConnection = Connection<unknown>;

/**
 * Cursors are opaque to clients: base64url of `<kind>:<json key>`. The kind stops a cursor of
 * one list being replayed against another, where it would silently mean something else.
 */
export function encodeCursor(kind: string, key: unknown): string {
  return Buffer.from(`${kind}:${JSON.stringify(key)}`, 'utf8').toString('base64url');
}

export function decodeCursor<T>(kind: string, cursor: string, isKey: (value: unknown) => value is T): T {
  const invalid = () => new BadInputError(`Invalid cursor "${cursor.slice(0, 80)}": pass an endCursor this list returned.`, { argument: 'after' });
  if (!/^[A-Za-z0-9_-]{1,1024}$/.test(cursor)) throw invalid();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(`${kind}:`)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(text.slice(kind.length + 1));
  } catch {
    throw invalid();
  }
  if (!isKey(value)) throw invalid();
  return value;
}

export const isString = (value: unknown): value is string => typeof value === 'string';
/** A list position or rank: a safe integer ≥ 0 (a cursor with 1e300 must not reach the driver). */
export const isPosition = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
/** [ISO instant, id]: the key of lists ordered by time (a cursor's date must parse). */
export const isInstantAndId = (value: unknown): value is [string, string] =>
  isStringPair(value) && /^\d{4}-\d{2}-\d{2}T/.test(value[0]) && Number.isFinite(Date.parse(value[0]));
export const isStringPair = (value: unknown): value is [string, string] =>
  Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string';

/** Validates `first` against the configured cap; the error names the cap so clients can adapt. */
export function pageSize(first: number | null | undefined, maxPageSize: number, argument = 'first'): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 0 || size > maxPageSize) {
    throw new BadInputError(`\`${argument}\` must be between 0 and ${maxPageSize}; got ${size}.`, {
      argument,
      max: maxPageSize,
    });
  }
  return size;
}

/** Trims a limit+1 fetch to a page. */
export function toPage<T>(rows: T[], limit: number): Page<T> {
  return { items: rows.slice(0, limit), hasNextPage: rows.length > limit };
}

export function toConnection<T>(page: Page<T>, cursorOf: (item: T) => string, totalCount: () => Promise<number>): Connection<T> {
  const edges = page.items.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    nodes: page.items,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
