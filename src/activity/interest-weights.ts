/**
 * Interest weights from behaviour: exponentially decayed engagement.
 *
 *   w(t) = w(τ) · 2^(−(t − τ) / H) + b(e) · tag(p, i)
 *
 * where τ is when the weight was last updated, H the half-life (30 days), b(e) the base
 * signal of the event (view 1, purchase 5, rating score − 3, so 1–2 stars lower interest)
 * and tag(p, i) the weight of interest i on product p. A late event (t < τ) adds its signal
 * already decayed to τ: b · tag · 2^(−(τ − t) / H), and τ stays. Weights never go below 0.
 * The same form as the time-decayed counts of recommender systems (e.g. Koren, "Collaborative
 * filtering with temporal dynamics", KDD 2009): recent behaviour dominates, old behaviour fades
 * by half every H days without a batch job rewriting every weight.
 */
export const HALF_LIFE_DAYS = 30;
export const HALF_LIFE_MS = HALF_LIFE_DAYS * 86_400_000;

export type EventKind = 'VIEW' | 'PURCHASE' | 'RATE' | 'REVIEW';

export function baseSignal(kind: EventKind, score: number | null): number {
  switch (kind) {
    case 'VIEW':
      return 1;
    case 'PURCHASE':
      return 5;
    case 'RATE':
      return (score ?? 3) - 3;
    // What a review says moves no interest yet (no sentiment is read from its text); its
    // rating, when given, counts as a rating would.
    case 'REVIEW':
      return score == null ? 0 : score - 3;
  }
}

export interface WeightState {
  weight: number;
  updatedAt: Date | null;
}

export interface InterestSignal {
  userId: string;
  productId: string;
  at: Date;
  base: number;
}

export interface ProductTag {
  interestId: string;
  weight: number;
}

export const weightKey = (userId: string, interestId: string): string => `${userId}\u0000${interestId}`;

/** One signal applied to one weight; pure. */
export function decayAndAdd(state: WeightState, signal: number, at: Date): WeightState {
  if (state.updatedAt === null) return { weight: Math.max(0, signal), updatedAt: at };
  const elapsed = at.getTime() - state.updatedAt.getTime();
  if (elapsed >= 0) {
    return { weight: Math.max(0, state.weight * 2 ** (-elapsed / HALF_LIFE_MS) + signal), updatedAt: at };
  }
  return { weight: Math.max(0, state.weight + signal * 2 ** (elapsed / HALF_LIFE_MS)), updatedAt: state.updatedAt };
}

/**
 * Applies signals in time order to the current weights and returns only the weights that
 * changed. `current` is keyed by weightKey(user, interest).
 */
export function applySignals(
  current: ReadonlyMap<string, WeightState>,
  tagsByProduct: ReadonlyMap<string, readonly ProductTag[]>,
  signals: readonly InterestSignal[],
): Map<string, WeightState & { userId: string; interestId: string }> {
  const changed = new Map<string, WeightState & { userId: string; interestId: string }>();
  const ordered = [...signals].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const signal of ordered) {
    if (signal.base === 0) continue;
    for (const tag of tagsByProduct.get(signal.productId) ?? []) {
      const key = weightKey(signal.userId, tag.interestId);
      const state = changed.get(key) ?? current.get(key) ?? { weight: 0, updatedAt: null };
      const next = decayAndAdd(state, signal.base * tag.weight, signal.at);
      changed.set(key, { ...next, userId: signal.userId, interestId: tag.interestId });
    }
  }
  return changed;
}
