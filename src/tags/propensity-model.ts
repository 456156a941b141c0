/**
 * Next-purchase propensity: for each product category (and, with its own model, each interest)
 * a user engaged with in the last 90 days, the probability that they buy in it within the next
 * `horizonDays`, from the order of their recent events (the event log). A logistic model over seven named factors, refitted on every
 * TAGS run on the shop's own log (features at now − horizon, label: a purchase in the category
 * in the horizon after), so its weights fit the shop; each score carries the factors that raised
 * it most. `npm run bench:sequences` fits on one time split and judges on the next (ROC AUC
 * against a recency × frequency baseline), docs/ALGORITHMS.md#purchase-propensity.
 */
import { fitLogistic } from '../lib/logistic.js';

const DAY = 86_400_000;
export const PROPENSITY_HISTORY_DAYS = 90;
export const PROPENSITY_HORIZON_DAYS = 14;

/** "The group": the category, or the interest, the propensity is for. */
export const PROPENSITY_FACTORS = [
  /** Views in the group in the last 7 and 30 days. */
  'VIEWS_7D',
  'VIEWS_30D',
  /** Purchases in the group in the last 90 days. */
  'PURCHASES_90D',
  /** How recent the last event in the group is (−log of days). */
  'RECENT',
  /** The last event in the group was a view with no purchase after it: intent left open. */
  'OPEN_VIEW',
  /** The user's events on any product in the last 30 days. */
  'ACTIVE',
  /** How often this user's views were followed by a purchase in a group of the viewed product within 7 days (smoothed). */
  'CONVERTS',
] as const;
export type PropensityFactor = (typeof PROPENSITY_FACTORS)[number];

export interface LoggedEvent {
  kind: string;
  category: string;
  /** The product's interests. */
  interests: readonly string[];
  /** epoch ms */
  at: number;
}

/** What a propensity is for: the product's category, or each of its interests (a product has several). */
export type PropensityScope = 'category' | 'interest';

const GROUPS_OF: Record<PropensityScope, (event: LoggedEvent) => readonly string[]> = {
  category: (event) => [event.category],
  interest: (event) => event.interests,
};

export interface PropensityExample {
  /** The category or interest id. */
  group: string;
  /** In PROPENSITY_FACTORS order. */
  factors: number[];
  /** Events in the group in the 90 days and days since the last: the recency × frequency baseline's inputs. */
  events90: number;
  recencyDays: number;
  /** A purchase in the group in (cutoff, cutoff + horizon]. */
  bought: boolean;
}

/** One example per category (or interest) the user engaged with in the 90 days up to `cutoff`. */
export function propensityExamples(
  events: readonly LoggedEvent[],
  cutoff: number,
  horizonMs: number,
  scope: PropensityScope = 'category',
): PropensityExample[] {
  const groupsOf = GROUPS_OF[scope];
  const history = events.filter((event) => event.at <= cutoff && event.at > cutoff - PROPENSITY_HISTORY_DAYS * DAY).sort((a, b) => a.at - b.at);
  const active = history.filter((event) => event.at > cutoff - 30 * DAY).length;
  const views = history.filter((event) => event.kind === 'VIEW');
  const purchases = history.filter((event) => event.kind === 'PURCHASE');
  const shareAGroup = (a: LoggedEvent, b: LoggedEvent) => groupsOf(a).some((group) => groupsOf(b).includes(group));
  const converted = views.filter((view) => purchases.some((buy) => buy.at > view.at && buy.at <= view.at + 7 * DAY && shareAGroup(buy, view))).length;
  const converts = (converted + 1) / (views.length + 2);
  const byGroup = new Map<string, LoggedEvent[]>();
  for (const event of history) {
    for (const group of groupsOf(event)) {
      const own = byGroup.get(group);
      if (own) own.push(event);
      else byGroup.set(group, [event]);
    }
  }
  return [...byGroup].map(([group, own]) => {
    const last = own.at(-1) as LoggedEvent;
    const lastPurchase = own.filter((event) => event.kind === 'PURCHASE').at(-1)?.at ?? -Infinity;
    const lastView = own.filter((event) => event.kind === 'VIEW').at(-1)?.at ?? -Infinity;
    const count = (kind: string, days: number) => own.filter((event) => event.kind === kind && event.at > cutoff - days * DAY).length;
    const recencyDays = (cutoff - last.at) / DAY;
    return {
      group,
      factors: [
        Math.log1p(count('VIEW', 7)),
        Math.log1p(count('VIEW', 30)),
        Math.log1p(count('PURCHASE', 90)),
        -Math.log1p(recencyDays),
        lastView > lastPurchase ? 1 : 0,
        Math.log1p(active),
        converts,
      ],
      events90: own.length,
      recencyDays,
      bought: events.some((event) => event.kind === 'PURCHASE' && event.at > cutoff && event.at <= cutoff + horizonMs && groupsOf(event).includes(group)),
    };
  });
}

export interface PropensityModel {
  intercept: number;
  /** Per factor, on standardised values. */
  weights: number[];
  means: number[];
  stds: number[];
  examples: number;
  positives: number;
}

/** Too few purchases to learn from: no model, no scores (rather than a confident guess). */
const MIN_POSITIVES = 20;

/** L2 penalty per example on the standardised weights: mean log-loss + 0.01 / 2 · Σ w². */
const L2_PER_EXAMPLE = 0.01;

export function fitPropensity(examples: readonly PropensityExample[]): PropensityModel | null {
  const positives = examples.filter((example) => example.bought).length;
  if (positives < MIN_POSITIVES || positives === examples.length) return null;
  const width = PROPENSITY_FACTORS.length;
  const features = new Float64Array(examples.length * width);
  const labels = new Uint8Array(examples.length);
  examples.forEach((example, row) => {
    for (let i = 0; i < width; i += 1) features[row * width + i] = example.factors[i] ?? 0;
    labels[row] = example.bought ? 1 : 0;
  });
  const fit = fitLogistic(features, labels, width, L2_PER_EXAMPLE * examples.length);
  return {
    intercept: fit.intercept,
    weights: [...fit.coefficients],
    means: [...fit.mean],
    // A factor constant over the examples has weight 0; scale 1 keeps scoring finite.
    stds: [...fit.scale].map((scale) => scale || 1),
    examples: examples.length,
    positives,
  };
}

/** The probability, and the factors that raised it most (positive contributions, largest first, at most two). */
export function scorePropensity(model: PropensityModel, factors: readonly number[]): { probability: number; reasons: PropensityFactor[] } {
  const contributions = factors.map((value, i) => ((value - (model.means[i] ?? 0)) / (model.stds[i] ?? 1)) * (model.weights[i] ?? 0));
  const logit = model.intercept + contributions.reduce((sum, value) => sum + value, 0);
  const reasons = contributions
    .map((value, i) => ({ value, factor: PROPENSITY_FACTORS[i] as PropensityFactor }))
    .filter((entry) => entry.value > 0)
    .sort((a, b) => b.value - a.value)
    .slice(0, 2)
    .map((entry) => entry.factor);
  return { probability: 1 / (1 + Math.exp(-logit)), reasons };
}

/** The baseline a marketer would use without a model: frequency in the group, then recency. */
export function recencyFrequencyScore(example: PropensityExample): number {
  return Math.log1p(example.events90) - Math.log1p(example.recencyDays) / 10;
}
