/**
 * Lookalike scoring: pure functions over the per-signal candidate scores the Cypher signals
 * return. Each signal is normalised to [0, 1] (divided by its best candidate), blended with
 * weights, and explained with reasons a person can read.
 *
 * The blend adapts to the seed (docs/ALGORITHMS.md#lookalike): part of the seed is held back,
 * the signals are computed from the rest, and the weights on a small grid that rank the most
 * held-back members in the top |held-back| win — cross-validated stacking in its simplest form.
 * A fixed blend can lose to the best single signal; this one starts from the grid point that
 * *is* the best single signal, so on the held-back part it can only match or beat it.
 */
export const SIGNALS = ['INTERESTS', 'CO_ENGAGEMENT', 'SOCIAL', 'COMMUNITY'] as const;
export type Signal = (typeof SIGNALS)[number];

export interface SignalHit {
  userId: string;
  score: number;
  labels: string[];
  count: number;
}

export type SignalScores = Record<Signal, Map<string, SignalHit>>;
export type Weights = Record<Signal, number>;

export interface Reason {
  kind: Signal;
  label: string;
  weight: number;
}

export interface Scored {
  userId: string;
  score: number;
  reasons: Reason[];
}

const GRID = [0, 0.5, 1, 2] as const;

function normalised(hits: Map<string, SignalHit>): Map<string, number> {
  let best = 0;
  for (const hit of hits.values()) best = Math.max(best, hit.score);
  return new Map([...hits].map(([id, hit]) => [id, best > 0 ? hit.score / best : 0]));
}

function explain(signal: Signal, hit: SignalHit): string {
  switch (signal) {
    case 'INTERESTS':
      return `shares interests ${hit.labels.join(', ')}`;
    case 'CO_ENGAGEMENT':
      return `engaged with ${hit.count} product${hit.count === 1 ? '' : 's'} the seed engages with${hit.labels.length ? ` (${hit.labels.join(', ')})` : ''}`;
    case 'SOCIAL':
      return `connected to ${hit.count} seed member${hit.count === 1 ? '' : 's'}`;
    case 'COMMUNITY':
      return `in a community where the seed is ${hit.score.toFixed(1)}× over-represented`;
  }
}

/** Blends normalised signals; reasons list each contributing signal, strongest first. */
export function blend(scores: SignalScores, weights: Weights): Scored[] {
  const norms = Object.fromEntries(SIGNALS.map((signal) => [signal, normalised(scores[signal])])) as Record<Signal, Map<string, number>>;
  const totals = new Map<string, Scored>();
  for (const signal of SIGNALS) {
    const weight = weights[signal];
    if (weight <= 0) continue;
    for (const [userId, value] of norms[signal]) {
      const entry = totals.get(userId) ?? { userId, score: 0, reasons: [] };
      const contribution = weight * value;
      entry.score += contribution;
      const hit = scores[signal].get(userId);
      if (hit && contribution > 0) entry.reasons.push({ kind: signal, label: explain(signal, hit), weight: contribution });
      totals.set(userId, entry);
    }
  }
  const ranked = [...totals.values()].sort((a, b) => b.score - a.score || a.userId.localeCompare(b.userId));
  for (const entry of ranked) entry.reasons.sort((a, b) => b.weight - a.weight);
  return ranked;
}

/** Held-back members found in the top |held-back| of a ranking. */
export function precisionAt(ranking: readonly Scored[], heldBack: ReadonlySet<string>): number {
  if (heldBack.size === 0) return 0;
  let hits = 0;
  for (const entry of ranking.slice(0, heldBack.size)) if (heldBack.has(entry.userId)) hits += 1;
  return hits / heldBack.size;
}

export interface WeightChoice {
  weights: Weights;
  /** Held-back precision of each signal alone, and of the chosen blend. */
  single: Record<Signal, number>;
  blended: number;
}

/**
 * Picks blend weights on the held-back part of the seed: every grid point is scored by
 * precisionAt; ties go to the earlier grid point (single signals come first).
 */
export function chooseWeights(training: SignalScores, heldBack: ReadonlySet<string>): WeightChoice {
  const unit = (signal: Signal): Weights => Object.fromEntries(SIGNALS.map((s) => [s, s === signal ? 1 : 0])) as Weights;
  const single = Object.fromEntries(SIGNALS.map((signal) => [signal, precisionAt(blend(training, unit(signal)), heldBack)])) as Record<Signal, number>;
  const candidates: Weights[] = SIGNALS.map(unit);
  const grid = (index: number, partial: number[]): void => {
    if (index === SIGNALS.length) {
      if (partial.some((w) => w > 0)) candidates.push(Object.fromEntries(SIGNALS.map((s, i) => [s, partial[i] ?? 0])) as Weights);
      return;
    }
    for (const w of GRID) grid(index + 1, [...partial, w]);
  };
  grid(0, []);
  let best = candidates[0] ?? unit('INTERESTS');
  let bestPrecision = -1;
  for (const weights of candidates) {
    const precision = precisionAt(blend(training, weights), heldBack);
    if (precision > bestPrecision) {
      best = weights;
      bestPrecision = precision;
    }
  }
  return { weights: best, single, blended: bestPrecision };
}

/** Deterministic split of the seed: a seeded shuffle, the first `fraction` held back. */
export function splitSeed(seed: readonly string[], fraction: number, random: () => number): { training: string[]; heldBack: string[] } {
  const shuffled = [...seed].sort();
  for (let i = shuffled.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] ?? '', shuffled[i] ?? ''];
  }
  const held = Math.round(shuffled.length * fraction);
  return { heldBack: shuffled.slice(0, held), training: shuffled.slice(held) };
}
