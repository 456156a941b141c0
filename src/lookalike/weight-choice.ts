/**
 * Choosing the blend's weights on held-back parts of the seed (docs/ALGORITHMS.md#lookalike):
 * every weight vector on a small grid is scored by how well its blend ranks each fold's
 * held-back members, and the best wins — cross-validated stacking in its simplest form.
 *
 * The grid has up to 4⁴ points and each is scored on every fold, so scoring must be cheap:
 * blending with `blend()` (reasons, strings, a sort by id of every candidate) cost ~70 ms a
 * point on a 20,000-member seed, ~55 s a lookalike. A FoldScorer lays a fold out once —
 * candidates in the blend's order, each signal's rank contribution as a dense column — and
 * then scores a weight vector with one pass over the columns, one native numeric sort, and a
 * binary search per held-back member. It gives the same precision as blending and ranking
 * (tests/unit/weight-choice.test.ts checks it against `blend` + `averagePrecision`).
 */
import { compareIds } from '../lib/compare-ids.js';
import { rankContributions, SIGNALS, type Signal, type SignalScores, type Weights } from './scoring.js';

const GRID = [0, 0.5, 1, 2] as const;

/** How well a blend ranks one fold's held-back members (see scoring.ts precisionAt, averagePrecision). */
export interface FoldScore {
  /** Held-back members in the top |held-back|, over |held-back|. */
  precision: number;
  /** Average precision over the top 3 · |held-back|. */
  averagePrecision: number;
}

/** Index of the first element of an ascending array that is > value (or ≥ with `orEqual`). */
function bound(sorted: Float64Array, value: number, orEqual: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const element = sorted[middle] as number;
    if (element < value || (!orEqual && element === value)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** One fold, laid out once to score many weight vectors. */
export class FoldScorer {
  /** Per signal (SIGNALS order), each candidate's rank contribution; 0 where the signal does not rank it. */
  private readonly columns: Float64Array[];
  /** Held-back members among the candidates, as candidate indexes. */
  private readonly heldBack: Int32Array;
  private readonly heldBackSize: number;
  private readonly scores: Float64Array;

  constructor(training: SignalScores, heldBack: ReadonlySet<string>) {
    const contributions = SIGNALS.map((signal) => rankContributions(training[signal]));
    // Candidates in id order: the blend's tie-break, so an index comparison breaks ties the same way.
    const ids = [...new Set(contributions.flatMap((column) => [...column.keys()]))].sort(compareIds);
    const indexOf = new Map(ids.map((id, index) => [id, index]));
    this.columns = contributions.map((column) => {
      const dense = new Float64Array(ids.length);
      for (const [id, value] of column) dense[indexOf.get(id) as number] = value;
      return dense;
    });
    this.heldBack = Int32Array.from([...heldBack].flatMap((id) => (indexOf.has(id) ? [indexOf.get(id) as number] : [])));
    this.heldBackSize = heldBack.size;
    this.scores = new Float64Array(ids.length);
  }

  score(weights: Weights): FoldScore {
    const { scores, heldBack } = this;
    const size = this.heldBackSize;
    if (size === 0) return { precision: 0, averagePrecision: 0 };
    // Summed in SIGNALS order, like blend(), so equal blends give bit-equal scores (and tie alike).
    scores.fill(0);
    SIGNALS.forEach((signal, s) => {
      const weight = weights[signal];
      if (weight <= 0) return;
      const column = this.columns[s] as Float64Array;
      for (let i = 0; i < scores.length; i += 1) scores[i] = (scores[i] as number) + weight * (column[i] as number);
    });
    const ascending = scores.slice().sort();
    // A held-back member's rank: candidates with a higher score, then those with the same score
    // and a smaller id (the blend's order), plus one. Candidates scoring 0 are not in the blend.
    const ranks: number[] = [];
    const tied = new Map<number, number[]>();
    const pending: { index: number; above: number }[] = [];
    for (const index of heldBack) {
      const value = scores[index] as number;
      if (value <= 0) continue;
      const upper = bound(ascending, value, false);
      const above = scores.length - upper;
      if (upper - bound(ascending, value, true) === 1) ranks.push(above + 1);
      else {
        tied.set(value, []);
        pending.push({ index, above });
      }
    }
    if (pending.length > 0) {
      for (let i = 0; i < scores.length; i += 1) tied.get(scores[i] as number)?.push(i);
      for (const { index, above } of pending) ranks.push(above + (tied.get(scores[index] as number) as number[]).indexOf(index) + 1);
    }
    return scoreRanks(ranks, size);
  }
}

/** FoldScore from the ranks (1 = first) at which held-back members were found, of `size` held back. */
export function scoreRanks(ranks: number[], size: number): FoldScore {
  if (size === 0) return { precision: 0, averagePrecision: 0 };
  ranks.sort((a, b) => a - b);
  let found = 0;
  let inTop = 0;
  let sum = 0;
  for (const rank of ranks) {
    if (rank > size * 3) break;
    found += 1;
    sum += found / rank;
    if (rank <= size) inTop += 1;
  }
  return { precision: inTop / size, averagePrecision: sum / size };
}

export interface WeightChoice {
  weights: Weights;
  /** Held-back precision of each signal alone, and of the chosen blend. */
  single: Record<Signal, number>;
  blended: number;
  /** The chosen blend's average precision, averaged over the folds (what the choice maximised). */
  objective: number;
}

/**
 * Picks blend weights over several folds (each part of the seed held back in turn): a weight
 * vector is scored by its average precision averaged over the folds, which is far less noisy
 * than one split; ties go to the earlier grid point (single signals come first).
 */
export function chooseWeightsAcrossFolds(folds: readonly { training: SignalScores; heldBack: ReadonlySet<string> }[]): WeightChoice {
  const scorers = folds.map((fold) => new FoldScorer(fold.training, fold.heldBack));
  // Grid points that are multiples of each other (1,1 and 2,2) rank alike — the grid's weights
  // are powers of two, so even their floating-point scores scale exactly — and are scored once.
  const memo = new Map<string, FoldScore>();
  const evaluate = (weights: Weights): FoldScore => {
    const largest = Math.max(...SIGNALS.map((signal) => weights[signal]));
    const key = SIGNALS.map((signal) => weights[signal] / largest).join(',');
    let result = memo.get(key);
    if (!result) {
      const perFold = scorers.map((scorer) => scorer.score(weights));
      const mean = (pick: (score: FoldScore) => number) => perFold.reduce((sum, score) => sum + pick(score), 0) / Math.max(1, perFold.length);
      result = { precision: mean((score) => score.precision), averagePrecision: mean((score) => score.averagePrecision) };
      memo.set(key, result);
    }
    return result;
  };
  const unit = (signal: Signal): Weights => Object.fromEntries(SIGNALS.map((s) => [s, s === signal ? 1 : 0])) as Weights;
  const single = Object.fromEntries(SIGNALS.map((signal) => [signal, evaluate(unit(signal)).precision])) as Record<Signal, number>;
  const singleScore = Object.fromEntries(SIGNALS.map((signal) => [signal, evaluate(unit(signal)).averagePrecision])) as Record<Signal, number>;
  // Only signals that alone do at least half as well as the best one may join the blend: with a
  // few dozen held-back members a rich grid otherwise fits noise and loses to the best single
  // signal on new members.
  const strongest = Math.max(...SIGNALS.map((signal) => singleScore[signal]));
  const eligible = SIGNALS.filter((signal) => singleScore[signal] >= strongest / 2 && singleScore[signal] > 0);
  const candidates: Weights[] = SIGNALS.map(unit);
  const grid = (index: number, partial: Weights): void => {
    if (index === eligible.length) {
      if (SIGNALS.some((signal) => partial[signal] > 0)) candidates.push({ ...partial });
      return;
    }
    for (const w of GRID) grid(index + 1, { ...partial, [eligible[index] as Signal]: w });
  };
  grid(0, Object.fromEntries(SIGNALS.map((signal) => [signal, 0])) as Weights);
  let best = candidates[0] ?? unit('INTERESTS');
  let bestObjective = -Infinity;
  for (const weights of candidates) {
    const objective = evaluate(weights).averagePrecision;
    if (objective > bestObjective) {
      best = weights;
      bestObjective = objective;
    }
  }
  return { weights: best, single, blended: evaluate(best).precision, objective: bestObjective };
}
