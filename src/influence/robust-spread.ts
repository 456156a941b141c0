/**
 * KOL sets when nobody knows the cascade probability p. A set chosen for one p can be the
 * worst choice at another: at p = 0.05 on ego-Facebook the cascade is supercritical and the
 * best seeds sit in different regions of one giant cascade, while at p = 0.005 a seed reaches
 * little beyond its own followers and the best set is close to the top by follower count.
 * The set for p = 0.05 reached half of what was possible at p = 0.005–0.01 (issue 16).
 *
 * So the job samples every p of a grid (OPIM-C each, ris.ts) and looks for one order whose
 * every prefix is close to the best at every p: greedy on the sum over p of each p's reach
 * divided by the reach of p's own greedy set of the same size (a sum of monotone submodular
 * functions, so greedy keeps its guarantee for the sum). The weights of the sum then move
 * towards the p with the lowest ratio (multiplicative weights, as in robust submodular
 * maximisation: Krause, McMahan, Guestrin & Gupta, "Robust submodular observation selection",
 * JMLR 2008), and the order with the best worst ratio, measured on the validation samples
 * that no order was chosen on, is kept.
 */
import type { Projection } from '../analytics/projection.js';
import { KOL_CHECKPOINTS, maximiseSpread, prefixSpread, type ReverseReachableSets, type SpreadOptions } from './ris.js';

/**
 * The cascade probabilities analysed by every INFLUENCE run; kolSet(probability) takes one of
 * them. Log-spaced over the range the literature uses for social ties (1/in-degree-like
 * weights to 0.05), denser around 0.01–0.03 where cascades on real graphs turn supercritical
 * and the best set changes fastest.
 */
export const KOL_PROBABILITIES = [0.005, 0.01, 0.015, 0.02, 0.03, 0.05] as const;

/** Weight updates tried after the plain normalised sum (each one greedy pass). */
const WEIGHT_ROUNDS = 12;
/** Step size of the weight update: a p 5% behind at some prefix size gains e^0.15 ≈ 1.16× weight there. */
const WEIGHT_STEP = 3;
/** Orders are compared on the mean over these prefix sizes of their lowest ratio over p. */
const COMPARED_AT = KOL_CHECKPOINTS.filter((k) => k >= 5);

export interface KolOrders {
  probabilities: number[];
  /** Node indices in greedy order: `robust` for unknown p, then one order per probability. */
  robust: number[];
  perProbability: number[][];
  /** reach[order][p][i]: validated expected reach of the first i + 1 of an order (order 0 = robust, 1 + j = for probability j). */
  reach: number[][][];
  /** The robust order's lowest ratio, over p, to p's own order, at each checkpoint k. */
  worstRatio: Map<number, number>;
  /** RR sets drawn per probability (R1 and R2 each). */
  samples: number[];
  capped: boolean;
  /** R2 of each probability: unbiased reach of any other order. */
  validation: ReverseReachableSets[];
}

export function robustKolOrders(graph: Projection, options: SpreadOptions, probabilities: readonly number[] = KOL_PROBABILITIES): KolOrders {
  const runs = probabilities.map((probability) => maximiseSpread(graph, { ...options, probability }));
  const maxK = Math.min(...runs.map((run) => run.order.length));
  const perProbability = runs.map((run) => run.order.slice(0, maxK));
  // Each p's own greedy coverage on its training sample: the normaliser of the sum.
  const reference = runs.map((run, j) => prefixSpread(run.training, perProbability[j] ?? []));
  // ratio[p][i]: an order's first i + 1 against p's own order, on p's validation sample.
  const ratios = (order: number[]) =>
    runs.map((run) => {
      const reach = prefixSpread(run.validation, order);
      return order.map((_, i) => (reach[i] ?? 0) / Math.max(run.spread[i] ?? 0, 1e-9));
    });
  const worstAt = (matrix: number[][], k: number) => Math.min(...matrix.map((row) => row[k - 1] ?? 0));
  const checkpoints = COMPARED_AT.filter((k) => k <= maxK);
  const quality = (matrix: number[][]) =>
    checkpoints.length === 0 ? worstAt(matrix, maxK) : checkpoints.reduce((sum, k) => sum + worstAt(matrix, k), 0) / checkpoints.length;

  let weights = probabilities.map(() => new Float64Array(maxK).fill(1));
  let best = { order: [] as number[], matrix: [] as number[][], quality: Number.NEGATIVE_INFINITY };
  for (let round = 0; round <= WEIGHT_ROUNDS && maxK > 0; round += 1) {
    const order = weightedGreedy(
      runs.map((run) => run.training),
      reference,
      weights,
      maxK,
    );
    const matrix = ratios(order);
    const score = quality(matrix);
    if (score > best.quality) best = { order, matrix, quality: score };
    // Per prefix size: more weight to each p in proportion to how far it lags there.
    weights = weights.map((row, j) => row.map((w, i) => w * Math.exp(WEIGHT_STEP * (1 - (matrix[j]?.[i] ?? 1)))));
    for (let i = 0; i < maxK; i += 1) {
      const total = weights.reduce((sum, row) => sum + (row[i] ?? 0), 0);
      for (const row of weights) row[i] = ((row[i] ?? 0) * probabilities.length) / total;
    }
  }
  const orders = [best.order, ...perProbability];
  return {
    probabilities: [...probabilities],
    robust: best.order,
    perProbability,
    reach: orders.map((order) => runs.map((run) => prefixSpread(run.validation, order))),
    worstRatio: new Map([...KOL_CHECKPOINTS.filter((k) => k <= maxK), maxK].map((k) => [k, worstAt(best.matrix, k)])),
    samples: runs.map((run) => run.samples),
    capped: runs.some((run) => run.capped),
    validation: runs.map((run) => run.validation),
  };
}

/**
 * Greedy on Σ_p weight_p × coverage_p(S) / reference_p(|S|): at step i the marginal gain in each
 * sample counts relative to what p's own greedy covers with i + 1 seeds.
 */
function weightedGreedy(samples: ReverseReachableSets[], reference: number[][], weights: ArrayLike<number>[], maxK: number): number[] {
  const n = samples[0]?.nodes ?? 0;
  const gains = samples.map((rr) => {
    const gain = new Int32Array(n);
    for (let v = 0; v < n; v += 1) gain[v] = (rr.nodeOffsets[v + 1] ?? 0) - (rr.nodeOffsets[v] ?? 0);
    return gain;
  });
  const covered = samples.map((rr) => new Uint8Array(rr.samples));
  const chosen = new Uint8Array(n);
  const order: number[] = [];
  const coefficient = new Float64Array(samples.length);
  const score = new Float64Array(n);
  while (order.length < Math.min(maxK, n)) {
    const step = order.length;
    samples.forEach((rr, j) => {
      // reference is in people; gains are in sets: scale by sets per person.
      const people = Math.max(reference[j]?.[step] ?? 0, 1e-9);
      coefficient[j] = ((weights[j]?.[step] ?? 1) * rr.nodes) / (Math.max(rr.samples, 1) * people);
    });
    // Sample by sample over all nodes (one typed array at a time), then the best unchosen.
    score.fill(0);
    for (let j = 0; j < gains.length; j += 1) addScaled(score, gains[j] ?? new Int32Array(0), coefficient[j] ?? 0);
    let best = -1;
    let bestScore = -1;
    for (let v = 0; v < n; v += 1) {
      const candidate = score[v] ?? 0;
      if (chosen[v] === 0 && candidate > bestScore) {
        best = v;
        bestScore = candidate;
      }
    }
    if (best < 0) break;
    chosen[best] = 1;
    order.push(best);
    for (let j = 0; j < samples.length; j += 1) {
      const rr = samples[j];
      if (rr !== undefined) coverNode(rr, best, covered[j] ?? new Uint8Array(0), gains[j] ?? new Int32Array(0));
    }
  }
  return order;
}

/** score += coefficient × gain, element-wise. */
function addScaled(score: Float64Array, gain: Int32Array, coefficient: number): void {
  for (let v = 0; v < score.length; v += 1) score[v] = (score[v] ?? 0) + coefficient * (gain[v] ?? 0);
}

/** Marks the sets of `node` covered and takes each newly covered set off its members' gains. */
function coverNode(rr: ReverseReachableSets, node: number, covered: Uint8Array, gain: Int32Array): void {
  const { nodeOffsets, nodeSets, setOffsets, setMembers } = rr;
  const end = nodeOffsets[node + 1] ?? 0;
  for (let i = nodeOffsets[node] ?? 0; i < end; i += 1) {
    const set = nodeSets[i] ?? 0;
    if (covered[set] === 1) continue;
    covered[set] = 1;
    const last = setOffsets[set + 1] ?? 0;
    for (let m = setOffsets[set] ?? 0; m < last; m += 1) {
      const member = setMembers[m] ?? 0;
      gain[member] = (gain[member] ?? 0) - 1;
    }
  }
}
