/**
 * Stacked fusion (docs/ALGORITHMS.md#lookalike): rather than weighting each signal's ranks, learn
 * from the seed itself how much each signal's score says about membership. On every cross-
 * validation fold the candidates are labelled (the fold's held-back members 1, everyone else 0)
 * and described, per signal, by two features: whether the signal lists them, and how their score
 * compares with the signal's best (ln(score / best), 0 when not listed). One logistic regression
 * over all folds' rows calibrates every signal and weighs it against the others at once: stacked
 * generalisation (Wolpert 1992) with a logistic combiner, as in Platt scaling (1999).
 *
 * Rank fusion gives a signal's 500th candidate nearly half a first rank's weight (61 / 560 vs
 * 61 / 61 after scaling), whatever the scores say; the logistic model reads the scores, so a
 * signal that is sure of a few candidates and vague about the rest counts only where it is sure.
 *
 * It is judged like the grid (weight-choice.ts): out of fold — fitted on the other folds, scored
 * on each fold's held-back members — so the service keeps rank fusion when stacking does not
 * beat it on the seed (small seeds, one dominant signal).
 */
import { compareIds } from '../lib/compare-ids.js';
import { fitLogistic, type LogisticModel } from '../lib/logistic.js';
import { evidenceOf, SIGNALS, type Reason, type Scored, type SignalScores } from './scoring.js';
import { scoreRanks, type FoldScore } from './weight-choice.js';

/** Features per signal: listed (1/0), and ln(score / the signal's best score) when listed. */
const FEATURES_PER_SIGNAL = 2;
/** L2 penalty on the standardised coefficients (not the intercept): keeps small seeds from fitting noise. */
const L2 = 1;

/** One fold as stacking sees it: the signals computed without the fold, and the fold's members. */
export interface StackingFold {
  training: SignalScores;
  heldBack: ReadonlySet<string>;
}

interface Rows {
  ids: string[];
  /** Per candidate: listed by some signal within the training depth (beyond it the model extrapolates). */
  withinDepth: Uint8Array;
  /** Row-major, FEATURES_PER_SIGNAL × SIGNALS.length columns per candidate. */
  features: Float64Array;
}

const WIDTH = SIGNALS.length * FEATURES_PER_SIGNAL;

/**
 * Each candidate of the signals' lists as a feature row, in order of first listing. Training cuts
 * each list to `depth` (`cut`), so "listed" means the same for every fold; in use the whole lists
 * stay (a large audience needs more candidates than the folds ranked), marked as beyond the depth.
 */
function rowsOf(scores: SignalScores, depth: number, cut: boolean): Rows {
  const lists = SIGNALS.map((signal) => {
    const ordered = [...scores[signal].values()].sort((a, b) => b.score - a.score || compareIds(a.userId, b.userId));
    return cut ? ordered.slice(0, depth) : ordered;
  });
  // Not sorted by id (~0.1 s for 60,000 candidates): ties in a ranking go to the smaller id
  // where they are broken (foldScore, rankStacked).
  const ids: string[] = [];
  const indexOf = new Map<string, number>();
  for (const list of lists) {
    for (const hit of list) {
      if (indexOf.has(hit.userId)) continue;
      indexOf.set(hit.userId, ids.length);
      ids.push(hit.userId);
    }
  }
  const features = new Float64Array(ids.length * WIDTH);
  const withinDepth = new Uint8Array(ids.length);
  lists.forEach((list, s) => {
    const best = list[0]?.score ?? 0;
    if (!(best > 0)) return;
    list.forEach((hit, rank) => {
      if (!(hit.score > 0)) return;
      const index = indexOf.get(hit.userId) as number;
      if (rank < depth) withinDepth[index] = 1;
      const row = index * WIDTH + s * FEATURES_PER_SIGNAL;
      features[row] = 1;
      features[row + 1] = Math.log(hit.score / best);
    });
  });
  return { ids, withinDepth, features };
}

/** A fitted combiner: coefficients on the standardised features, plus an intercept. */
type StackedModel = LogisticModel;

/** The model's log-odds for each row. */
function logOdds(model: StackedModel, rows: Rows): Float64Array {
  const count = rows.ids.length;
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 1) {
    let z = model.intercept;
    for (let j = 0; j < WIDTH; j += 1) {
      const scale = model.scale[j] as number;
      if (scale) z += ((model.coefficients[j] as number) * ((rows.features[i * WIDTH + j] as number) - (model.mean[j] as number))) / scale;
    }
    out[i] = z;
  }
  return out;
}

/**
 * What signal s adds to a row's log-odds over the average candidate's (the row's reason weight
 * for s): above 0 when the signal sees this candidate as more like the seed than most.
 */
function contribution(model: StackedModel, rows: Rows, row: number, s: number): number {
  let total = 0;
  for (let f = 0; f < FEATURES_PER_SIGNAL; f += 1) {
    const j = s * FEATURES_PER_SIGNAL + f;
    const scale = model.scale[j] as number;
    if (scale) total += ((model.coefficients[j] as number) * ((rows.features[row * WIDTH + j] as number) - (model.mean[j] as number))) / scale;
  }
  return total;
}

function labelled(folds: readonly { rows: Rows; heldBack: ReadonlySet<string> }[]): { features: Float64Array; labels: Uint8Array } {
  const total = folds.reduce((sum, fold) => sum + fold.rows.ids.length, 0);
  const features = new Float64Array(total * WIDTH);
  const labels = new Uint8Array(total);
  let offset = 0;
  for (const { rows, heldBack } of folds) {
    features.set(rows.features, offset * WIDTH);
    rows.ids.forEach((id, i) => (labels[offset + i] = heldBack.has(id) ? 1 : 0));
    offset += rows.ids.length;
  }
  return { features, labels };
}

/** Held-back members' precision and average precision in the model's ranking (as weight-choice.ts scores a blend). */
function foldScore(rows: Rows, odds: Float64Array, heldBack: ReadonlySet<string>): FoldScore {
  const order = rows.ids.map((_, i) => i).sort((a, b) => (odds[b] as number) - (odds[a] as number) || compareIds(rows.ids[a] as string, rows.ids[b] as string));
  const ranks: number[] = [];
  order.forEach((row, index) => {
    if (heldBack.has(rows.ids[row] as string)) ranks.push(index + 1);
  });
  return scoreRanks(ranks, heldBack.size);
}

export interface StackedFusion {
  model: StackedModel;
  /** Out of fold: each fold scored by a model fitted on the other folds, averaged. */
  precision: number;
  averagePrecision: number;
  depth: number;
}

/**
 * Fits the combiner on every fold and measures it out of fold. `depth`: each signal's list is
 * cut to this many candidates in training and in use alike, so "listed" means the same thing
 * for the folds and for the whole seed. Null with fewer than two folds.
 */
export function fitStackedFusion(folds: readonly StackingFold[], depth: number): StackedFusion | null {
  if (folds.length < 2) return null;
  const laidOut = folds.map((fold) => ({ rows: rowsOf(fold.training, depth, true), heldBack: fold.heldBack }));
  if (laidOut.every(({ rows, heldBack }) => !rows.ids.some((id) => heldBack.has(id)))) return null;
  // The model on every fold first: each out-of-fold fit starts from it, a few Newton steps from its own answer.
  const all = labelled(laidOut);
  const model = fitLogistic(all.features, all.labels, WIDTH, L2);
  let precision = 0;
  let averagePrecision = 0;
  laidOut.forEach((fold, f) => {
    const others = labelled(laidOut.filter((_, g) => g !== f));
    const score = foldScore(fold.rows, logOdds(fitLogistic(others.features, others.labels, WIDTH, L2, model), fold.rows), fold.heldBack);
    precision += score.precision / laidOut.length;
    averagePrecision += score.averagePrecision / laidOut.length;
  });
  return { model, precision, averagePrecision, depth };
}

/**
 * Ranks the whole seed's candidates by the model, the best `limit` of them: score = the modelled
 * probability of being like the seed; reasons = the signals that raise it, by how much they
 * raise the log-odds (worked out for the members returned only: at a million users the lists
 * hold ~60,000 candidates for an audience of 10,000).
 */
export function rankStacked(fusion: StackedFusion, scores: SignalScores, limit = Number.POSITIVE_INFINITY): Scored[] {
  const rows = rowsOf(scores, fusion.depth, false);
  const odds = logOdds(fusion.model, rows);
  // Candidates within the training depth first: beyond it the model was never checked.
  const order = rows.ids
    .map((_, i) => i)
    .sort(
      (a, b) =>
        (rows.withinDepth[b] as number) - (rows.withinDepth[a] as number) ||
        (odds[b] as number) - (odds[a] as number) ||
        compareIds(rows.ids[a] as string, rows.ids[b] as string),
    );
  return order.slice(0, limit).map((i): Scored => {
    const userId = rows.ids[i] as string;
    const reasons: Reason[] = [];
    SIGNALS.forEach((signal, s) => {
      const hit = scores[signal].get(userId);
      const weight = contribution(fusion.model, rows, i, s);
      if (hit && weight > 0 && (rows.features[i * WIDTH + s * FEATURES_PER_SIGNAL] as number) === 1) {
        reasons.push({ kind: signal, evidence: evidenceOf(hit), weight });
      }
    });
    reasons.sort((a, b) => b.weight - a.weight);
    return { userId, score: 1 / (1 + Math.exp(-(odds[i] as number))), reasons };
  });
}
