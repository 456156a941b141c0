import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import {
  decodeCursor,
  encodeCursor,
  isInstantAndId,
  isPosition,
  isString,
  isStringPair,
  pageSize,
  toConnection,
  toPage,
} from '../../src/graphql/pagination.js';

describe('cursors and pages', () => {
  it('round-trips keys and refuses cursors of another list or forged ones', () => {
    expect(decodeCursor('user', encodeCursor('user', 'u42'), isString)).toBe('u42');
    expect(decodeCursor('interest', encodeCursor('interest', ['Jazz', 'i1']), isStringPair)).toEqual(['Jazz', 'i1']);
    for (const bad of [encodeCursor('product', 'u42'), encodeCursor('user', 42), 'not base64!', '']) {
      expect(() => decodeCursor('user', bad, isString)).toThrow(AppError);
    }
  });

  it('refuses keys of the right shape with values the list cannot use', () => {
    expect(() => decodeCursor('purchase', encodeCursor('purchase', ['not-a-date', 'p01']), isInstantAndId)).toThrow(AppError);
    expect(decodeCursor('purchase', encodeCursor('purchase', ['2026-01-02T00:00:00.000Z', 'p01']), isInstantAndId)).toEqual([
      '2026-01-02T00:00:00.000Z',
      'p01',
    ]);
    for (const bad of [-1, 1.5, 1e300]) expect(() => decodeCursor('lookalike', encodeCursor('lookalike', bad), isPosition)).toThrow(AppError);
  });

  it('caps page sizes with a message naming the cap', () => {
    expect(pageSize(undefined, 100)).toBe(20);
    expect(pageSize(100, 100)).toBe(100);
    expect(() => pageSize(101, 100)).toThrow(/between 0 and 100/);
    expect(() => pageSize(-1, 100)).toThrow(AppError);
  });

  it('builds connections from limit+1 fetches', async () => {
    const page = toPage(['a', 'b', 'c'], 2);
    expect(page).toEqual({ items: ['a', 'b'], hasNextPage: true });
    const connection = toConnection(
      page,
      (item) => encodeCursor('x', item),
      async () => 3,
    );
    expect(connection.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor('x', 'b') });
    expect(await connection.totalCount()).toBe(3);
    expect(toConnection(toPage([], 2), String, async () => 0).pageInfo.endCursor).toBeNull();
  });
});
