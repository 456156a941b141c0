/**
 * Seeded pseudo-random numbers: sfc32 (Chris Doty-Humphrey's Small Fast Counter, as in
 * PractRand) seeded through splitmix32. Deterministic across platforms, fast, and good enough
 * for synthetic data; not for cryptography.
 */
export type Random = () => number;

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A generator for one (seed, stream, index) triple: streams never share sequences. */
export function createRandom(seed: number, stream = 0, index = 0): Random {
  const mix = splitmix32((seed ^ Math.imul(stream + 1, 0x27d4eb2d) ^ Math.imul(index + 1, 0x165667b1)) >>> 0);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const result = (t + d) | 0;
    c = (c + result) | 0;
    return (result >>> 0) / 4_294_967_296;
  };
  for (let i = 0; i < 12; i += 1) next(); // discard the warm-up outputs
  return next;
}

export function randomInt(random: Random, min: number, maxInclusive: number): number {
  return min + Math.floor(random() * (maxInclusive - min + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('pick() from an empty list');
  return item;
}

/** Pareto(xm = 1, alpha): the heavy tail behind follower counts. */
export function pareto(random: Random, alpha: number): number {
  return (1 - random()) ** (-1 / alpha);
}

/** Index drawn with probability proportional to weights, given their running sums. */
export function sampleCumulative(random: Random, cumulative: Float64Array, from = 0, to = cumulative.length): number {
  const low = from === 0 ? 0 : (cumulative[from - 1] ?? 0);
  const target = low + random() * ((cumulative[to - 1] ?? 0) - low);
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] ?? 0) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
