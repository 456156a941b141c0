import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { TagRefreshQueue } from '../../src/tags/index.js';

describe('TagRefreshQueue', () => {
  it('runs one refresh at a time and takes every user queued meanwhile once', async () => {
    const calls: string[][] = [];
    let release: () => void = () => undefined;
    const queue = new TagRefreshQueue(async (ids) => {
      calls.push([...ids].sort());
      if (calls.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return [];
    }, createLogger('silent'));
    queue.add(['a', 'b']);
    queue.add(['b', 'c']); // the first refresh is running: b and c wait
    queue.add(['c', 'd']);
    expect(calls).toEqual([['a', 'b']]);
    expect(queue.pending).toBe(3);
    release();
    await queue.drain();
    expect(calls).toEqual([
      ['a', 'b'],
      ['b', 'c', 'd'],
    ]);
    expect(queue.stats).toEqual({ users: 5, refreshes: 2, failures: 0 });
  });

  it('counts failures, reported or thrown, and keeps going', async () => {
    let call = 0;
    const queue = new TagRefreshQueue(async () => {
      call += 1;
      if (call === 1) return [{ tag: 't', code: 'NOT_FOUND', message: 'segment gone' }];
      throw new Error('database unavailable');
    }, createLogger('silent'));
    queue.add(['a']);
    await queue.drain();
    queue.add(['b']);
    await queue.drain();
    expect(queue.stats).toEqual({ users: 2, refreshes: 2, failures: 2 });
    queue.add([]);
    await queue.drain();
    expect(queue.stats.refreshes).toBe(2);
  });
});
