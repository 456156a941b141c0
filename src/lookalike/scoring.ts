/**
 * Lookalike scoring: pure functions over the per-signal candidate scores the Cypher signals
 * return. Signals are fused by rank, not by raw score — reciprocal rank fusion (Cormack, Clarke
 * & Büttcher, SIGIR 2009): a candidate gets weight / (60 + rank) from each signal — because
 * the signals' scores live on unrelated scales and list lengths. Reasons explain each member.
 *
 * The blend adapts to the seed (docs/ALGORITHMS.md#lookalike): part of the seed is held back,
 * the signals are computed from the rest, and the weights on a small grid that rank the most
 * held-back members highest win (weight-choice.ts). A fixed blend can lose to the best single
 * signal; this one starts from the grid point that *is* the best single signal, so on the
 * held-back part it can only match or beat it.
 */
import type { Locale } from '../graphql/locale.js';
import { compareIds } from '../lib/compare-ids.js';
import { reciprocalRank } from '../lib/rank-fusion.js';

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

/** What a signal found for a member, as its reason is phrased (explainHit) in the caller's language. */
export type Evidence = Pick<SignalHit, 'score' | 'labels' | 'count'>;

export interface Reason {
  kind: Signal;
  evidence: Evidence;
  weight: number;
}

export interface Scored {
  userId: string;
  score: number;
  reasons: Reason[];
}

/**
 * Rank-based contribution of each candidate in one signal (src/lib/rank-fusion.ts). Candidates
 * with equal scores share the mean of their ranks' contributions: a signal that cannot tell them
 * apart (every member of a community scores its lift) must not rank them by id, or the id order
 * would outvote what the other signals say about them.
 */
export function rankContributions(hits: Map<string, SignalHit>): Map<string, number> {
  const ordered = [...hits.values()].sort((a, b) => b.score - a.score || compareIds(a.userId, b.userId));
  const contributions = new Map<string, number>();
  for (let start = 0; start < ordered.length;) {
    let end = start + 1;
    while (end < ordered.length && ordered[end]?.score === ordered[start]?.score) end += 1;
    let sum = 0;
    for (let index = start; index < end; index += 1) sum += reciprocalRank(index + 1);
    for (let index = start; index < end; index += 1) contributions.set((ordered[index] as SignalHit).userId, sum / (end - start));
    start = end;
  }
  return contributions;
}

const list = (items: readonly string[], locale: Locale) => items.join(locale === 'zh-CN' ? '、' : ', ');

/** A member's readable reason from one signal ('shares interests Jazz, Vinyl'; '共同兴趣：爵士、黑胶'). */
export function explainHit(signal: Signal, hit: Evidence, locale: Locale = 'en'): string {
  if (locale === 'zh-CN') {
    switch (signal) {
      case 'INTERESTS':
        return `共同兴趣：${list(hit.labels, locale)}`;
      case 'CO_ENGAGEMENT':
        return `与种子人群互动过 ${hit.count} 件相同商品${hit.labels.length ? `（${list(hit.labels, locale)}）` : ''}`;
      case 'SOCIAL':
        return `与 ${hit.count} 位种子用户有关注关系`;
      case 'COMMUNITY':
        return `所在社群中种子人群的占比是平均的 ${hit.score.toFixed(1)} 倍`;
    }
  }
  switch (signal) {
    case 'INTERESTS':
      return `shares interests ${list(hit.labels, locale)}`;
    case 'CO_ENGAGEMENT':
      return `engaged with ${hit.count} product${hit.count === 1 ? '' : 's'} the seed engages with${hit.labels.length ? ` (${list(hit.labels, locale)})` : ''}`;
    case 'SOCIAL':
      return `connected to ${hit.count} seed member${hit.count === 1 ? '' : 's'}`;
    case 'COMMUNITY':
      return `in a community where the seed is ${hit.score.toFixed(1)}× over-represented`;
  }
}

export const evidenceOf = (hit: SignalHit): Evidence => ({ score: hit.score, labels: hit.labels, count: hit.count });

/** Blends normalised signals; reasons list each contributing signal, strongest first. */
export function blend(scores: SignalScores, weights: Weights): Scored[] {
  const norms = Object.fromEntries(SIGNALS.map((signal) => [signal, rankContributions(scores[signal])])) as Record<Signal, Map<string, number>>;
  const totals = new Map<string, Scored>();
  for (const signal of SIGNALS) {
    const weight = weights[signal];
    if (weight <= 0) continue;
    for (const [userId, value] of norms[signal]) {
      const entry = totals.get(userId) ?? { userId, score: 0, reasons: [] };
      const contribution = weight * value;
      entry.score += contribution;
      const hit = scores[signal].get(userId);
      if (hit && contribution > 0) entry.reasons.push({ kind: signal, evidence: evidenceOf(hit), weight: contribution });
      totals.set(userId, entry);
    }
  }
  const ranked = [...totals.values()].sort((a, b) => b.score - a.score || compareIds(a.userId, b.userId));
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

/**
 * Average precision of the held-back members over the top 3·|held-back| (smoother than
 * precisionAt: every hit counts, earlier hits more), used to choose weights: with a few dozen
 * held-back members a coarse hit count picks blends by noise.
 */
export function averagePrecision(ranking: readonly Scored[], heldBack: ReadonlySet<string>): number {
  if (heldBack.size === 0) return 0;
  let hits = 0;
  let sum = 0;
  ranking.slice(0, heldBack.size * 3).forEach((entry, index) => {
    if (heldBack.has(entry.userId)) {
      hits += 1;
      sum += hits / (index + 1);
    }
  });
  return sum / heldBack.size;
}

/** The seed in a seeded random order (Fisher–Yates over the sorted ids: input order never matters). */
function shuffled(seed: readonly string[], random: () => number): string[] {
  const order = [...seed].sort();
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] ?? '', order[i] ?? ''];
  }
  return order;
}

/** k folds of the seed after a seeded shuffle: fold i is held back against the rest. */
export function seedFolds(seed: readonly string[], folds: number, random: () => number): { training: string[]; heldBack: string[] }[] {
  const order = shuffled(seed, random);
  return Array.from({ length: folds }, (_, fold) => ({
    heldBack: order.filter((_, index) => index % folds === fold),
    training: order.filter((_, index) => index % folds !== fold),
  }));
}

/** Deterministic split of the seed: a seeded shuffle, the first `fraction` held back. */
export function splitSeed(seed: readonly string[], fraction: number, random: () => number): { training: string[]; heldBack: string[] } {
  const order = shuffled(seed, random);
  const held = Math.round(order.length * fraction);
  return { heldBack: order.slice(0, held), training: order.slice(held) };
}
