import { describe, expect, it, vi } from 'vitest';
import { LARGE_COUNT, CountCache } from '../../src/lib/count-cache.js';

describe('CountCache', () => {
  it('keeps a large count for its lifetime and recounts after it', async () => {
    const cache = new CountCache(100);
    const compute = vi.fn(async () => LARGE_COUNT);
    expect(await cache.count('region=North', compute)).toBe(LARGE_COUNT);
    expect(await cache.count('region=North', compute)).toBe(LARGE_COUNT);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(await cache.count('region=South', compute)).toBe(LARGE_COUNT);
    expect(compute).toHaveBeenCalledTimes(2);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await cache.count('region=North', compute);
    expect(compute).toHaveBeenCalledTimes(3);
  });

  it('never keeps a small count, so small graphs read fresh totals', async () => {
    const cache = new CountCache(30_000);
    let total = 3;
    const compute = vi.fn(async () => total);
    expect(await cache.count('all', compute)).toBe(3);
    total = 4;
    expect(await cache.count('all', compute)).toBe(4);
  });

  it('shares one count between requests that ask while it runs, and keeps nothing when off', async () => {
    const cache = new CountCache(30_000);
    let finish: (total: number) => void = () => undefined;
    const compute = vi.fn(() => new Promise<number>((resolve) => (finish = resolve)));
    const both = Promise.all([cache.count('k', compute), cache.count('k', compute)]);
    finish(5);
    expect(await both).toEqual([5, 5]);
    expect(compute).toHaveBeenCalledTimes(1);

    const off = new CountCache(0);
    const large = vi.fn(async () => LARGE_COUNT);
    await off.count('k', large);
    await off.count('k', large);
    expect(large).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed count', async () => {
    const cache = new CountCache(30_000);
    await expect(cache.count('k', async () => Promise.reject(new Error('timeout')))).rejects.toThrow('timeout');
    expect(await cache.count('k', async () => LARGE_COUNT)).toBe(LARGE_COUNT);
  });
});
