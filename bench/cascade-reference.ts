/**
 * The bench's own independent-cascade reference, separate from the product's sampler
 * (src/influence/ris.ts): Monte Carlo live-edge worlds (Kempe, Kleinberg & Tardos, KDD 2003:
 * keep each edge with probability p; the reach of a set is what it reaches over live edges,
 * averaged over worlds) and CELF greedy on them (Leskovec et al., "Cost-effective outbreak
 * detection in networks", KDD 2007: lazy re-evaluation of marginal gains, exact greedy).
 * Influence flows from a followee to its followers.
 */
import type { Projection } from '../src/analytics/index.js';
import { createRandom } from '../src/lib/random.js';

export class LiveEdgeWorlds {
  readonly n: number;
  /** Per world, live influence edges as CSR (offsets n + 1, targets). */
  private readonly offsets: Uint32Array[] = [];
  private readonly targets: Uint32Array[] = [];
  private readonly mark: Int32Array;
  private stamp = 0;
  private readonly queue: Uint32Array;

  constructor(graph: Projection, p: number, worlds: number, seed: number) {
    this.n = graph.ids.length;
    this.mark = new Int32Array(this.n);
    this.queue = new Uint32Array(this.n);
    for (let w = 0; w < worlds; w += 1) {
      const random = createRandom(seed, 71, w);
      const from: number[] = [];
      const to: number[] = [];
      for (let e = 0; e < graph.sources.length; e += 1) {
        if (random() < p) {
          from.push(graph.targets[e] ?? 0); // the followee reaches the follower
          to.push(graph.sources[e] ?? 0);
        }
      }
      const offsets = new Uint32Array(this.n + 1);
      for (const v of from) offsets[v + 1] = (offsets[v + 1] ?? 0) + 1;
      for (let v = 0; v < this.n; v += 1) offsets[v + 1] = (offsets[v + 1] ?? 0) + (offsets[v] ?? 0);
      const targets = new Uint32Array(from.length);
      const fill = offsets.slice(0, this.n);
      from.forEach((v, i) => {
        targets[fill[v] ?? 0] = to[i] ?? 0;
        fill[v] = (fill[v] ?? 0) + 1;
      });
      this.offsets.push(offsets);
      this.targets.push(targets);
    }
  }

  get worlds(): number {
    return this.offsets.length;
  }

  /** People newly reached from `start` in world w, not counting those `reached` already holds; marks them when `commit`. */
  private spreadFrom(w: number, start: number, reached: Uint8Array, commit: boolean): number {
    if (reached[start]) return 0;
    const offsets = this.offsets[w] ?? new Uint32Array(1);
    const targets = this.targets[w] ?? new Uint32Array(0);
    this.stamp += 1;
    let head = 0;
    let tail = 0;
    this.queue[tail++] = start;
    this.mark[start] = this.stamp;
    while (head < tail) {
      const v = this.queue[head++] ?? 0;
      if (commit) reached[v] = 1;
      for (let i = offsets[v] ?? 0; i < (offsets[v + 1] ?? 0); i += 1) {
        const u = targets[i] ?? 0;
        if (this.mark[u] !== this.stamp && !reached[u]) {
          this.mark[u] = this.stamp;
          this.queue[tail++] = u;
        }
      }
    }
    return tail;
  }

  /** Mean reach of a seed set over the worlds (seeds included). */
  reach(seeds: readonly number[]): number {
    let total = 0;
    for (let w = 0; w < this.worlds; w += 1) {
      const reached = new Uint8Array(this.n);
      for (const seed of seeds) total += this.spreadFrom(w, seed, reached, true);
    }
    return total / this.worlds;
  }

  /** CELF: exact greedy on these worlds with lazy marginal gains. */
  celf(k: number): number[] {
    const reached = Array.from({ length: this.worlds }, () => new Uint8Array(this.n));
    const gainOf = (v: number) => {
      let total = 0;
      for (let w = 0; w < this.worlds; w += 1) total += this.spreadFrom(w, v, reached[w] ?? new Uint8Array(0), false);
      return total / this.worlds;
    };
    // [gain, node, step the gain was computed at], a max-heap by gain then lower node.
    const heap: [number, number, number][] = [];
    const before = (a: [number, number, number], b: [number, number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] < b[1]);
    const push = (item: [number, number, number]) => {
      heap.push(item);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!before(heap[i] as [number, number, number], heap[parent] as [number, number, number])) break;
        [heap[i], heap[parent]] = [heap[parent] as [number, number, number], heap[i] as [number, number, number]];
        i = parent;
      }
    };
    const pop = (): [number, number, number] | undefined => {
      const top = heap[0];
      const last = heap.pop();
      if (heap.length > 0 && last) {
        heap[0] = last;
        for (let i = 0; ;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && before(heap[l] as [number, number, number], heap[m] as [number, number, number])) m = l;
          if (r < heap.length && before(heap[r] as [number, number, number], heap[m] as [number, number, number])) m = r;
          if (m === i) break;
          [heap[i], heap[m]] = [heap[m] as [number, number, number], heap[i] as [number, number, number]];
          i = m;
        }
      }
      return top;
    };
    for (let v = 0; v < this.n; v += 1) push([gainOf(v), v, 0]);
    const chosen: number[] = [];
    while (chosen.length < Math.min(k, this.n)) {
      const top = pop();
      if (!top) break;
      if (top[2] === chosen.length) {
        chosen.push(top[1]);
        for (let w = 0; w < this.worlds; w += 1) this.spreadFrom(w, top[1], reached[w] ?? new Uint8Array(0), true);
      } else {
        push([gainOf(top[1]), top[1], chosen.length]);
      }
    }
    return chosen;
  }
}
