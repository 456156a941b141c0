/**
 * Large counts kept a while: the `users(filter)` totalCount and the lookalike's count of
 * consenting users. Both are counted through an index, so their cost grows with the answer:
 * ~1 µs per matching user, 150 ms for a region of 170,000 at a million users, paid again for
 * every page a marketer turns. A count of at least LARGE_COUNT is kept for `ttlMs` per key in
 * this process, and requests for a count being computed share it. Small counts (every test
 * graph's) are always exact and fresh; a large one may be `ttlMs` old (README:
 * USERS_COUNT_CACHE_SECONDS).
 */
import { LRUCache } from 'lru-cache';

/** Counts below this are cheap (under ~10 ms) and never cached. */
export const LARGE_COUNT = 10_000;

export class CountCache {
  private readonly counts: LRUCache<string, number> | null;
  private readonly running = new Map<string, Promise<number>>();

  constructor(ttlMs: number) {
    this.counts = ttlMs > 0 ? new LRUCache<string, number>({ max: 1_000, ttl: ttlMs }) : null;
  }

  /** The count for `key` (the filter, with the day its lifecycle cut-offs hold). */
  async count(key: string, compute: () => Promise<number>): Promise<number> {
    if (!this.counts) return compute();
    const kept = this.counts.get(key);
    if (kept !== undefined) return kept;
    const running = this.running.get(key);
    if (running) return running;
    const counting = compute()
      .then((total) => {
        if (total >= LARGE_COUNT) this.counts?.set(key, total);
        return total;
      })
      .finally(() => this.running.delete(key));
    this.running.set(key, counting);
    return counting;
  }
}
