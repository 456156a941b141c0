/**
 * npm run bench:churn — how well the churn risk (src/tags/churn-model.ts) predicts who goes
 * quiet, on real time-stamped activity: Last.fm HetRec 2011 tag assignments (day resolution,
 * 2005–2011) and its friendship graph (../shared/datasets/lastfm-hetrec2011, or BENCH_LASTFM_DIR).
 *
 * Protocol (a time split, nothing from after a cut-off is seen when scoring at it):
 *  - at a cut-off T, the users scored are those with an event in the 365 days before T;
 *  - features are computed from events before T only (friends' activity too);
 *  - a user churned when they have no event in the 180 days from T;
 *  - the model is fitted (logistic regression on standardised factors) at the training
 *    cut-off 2009-07-01, whose labels end before the first test cut-off, and evaluated at
 *    2010-01-01, 2010-07-01 and 2010-11-01 with the population's own factor statistics, as
 *    the tags job does.
 * Reported: ROC AUC and precision among the top 10 % by risk, for the shipped weights
 * (CHURN_MODEL), the weights refitted here, and the recency-only baseline (days since last
 * event), with the churn base rate.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import {
  CHURN_FACTORS,
  CHURN_MODEL,
  churnFactorValues,
  factorStats,
  scoreChurn,
  standardise,
  type ChurnFeatures,
  type ChurnModel,
  type FactorStats,
} from '../src/tags/churn-model.js';
import { rocAuc } from '../src/lib/logistic.js';
import { table } from './common.js';

const DIR = process.env['BENCH_LASTFM_DIR'] ?? path.resolve(PROJECT_ROOT, '..', 'shared', 'datasets', 'lastfm-hetrec2011');
const DAY = 86_400_000;
const ACTIVE_BEFORE_DAYS = 365;
const LABEL_DAYS = 180;
const TRAIN_CUTOFF = '2009-07-01';
const TEST_CUTOFFS = ['2010-01-01', '2010-07-01', '2010-11-01'];

interface Activity {
  /** Each event's day (ms) and artist, sorted by day. */
  events: { at: number; artist: number }[];
}

function load(): { users: Map<number, Activity>; friends: Map<number, number[]> } {
  const users = new Map<number, Activity>();
  const lines = readFileSync(path.join(DIR, 'user_taggedartists.dat'), 'utf8').trim().split('\n').slice(1);
  for (const line of lines) {
    const [user, artist, , day, month, year] = line.split('\t').map(Number) as [number, number, number, number, number, number];
    if (year < 2005) continue; // a handful of rows dated 1956–1979 are clock errors
    const activity = users.get(user) ?? { events: [] };
    activity.events.push({ at: Date.UTC(year, month - 1, day), artist });
    users.set(user, activity);
  }
  for (const activity of users.values()) activity.events.sort((a, b) => a.at - b.at);
  const friends = new Map<number, number[]>();
  for (const line of readFileSync(path.join(DIR, 'user_friends.dat'), 'utf8').trim().split('\n').slice(1)) {
    const [a, b] = line.split('\t').map(Number) as [number, number];
    friends.set(a, [...(friends.get(a) ?? []), b]);
  }
  return { users, friends };
}

interface Example {
  features: ChurnFeatures;
  churned: boolean;
}

function lastBefore(activity: Activity | undefined, cutoff: number): number | null {
  let last: number | null = null;
  for (const event of activity?.events ?? []) {
    if (event.at >= cutoff) break;
    last = event.at;
  }
  return last;
}

function examplesAt(data: ReturnType<typeof load>, cutoffText: string): Example[] {
  const cutoff = Date.parse(`${cutoffText}T00:00:00Z`);
  const examples: Example[] = [];
  for (const [user, activity] of data.users) {
    const last = lastBefore(activity, cutoff);
    if (last === null || last < cutoff - ACTIVE_BEFORE_DAYS * DAY) continue;
    const between = (from: number, to: number) => activity.events.filter((event) => event.at >= from && event.at < to);
    const recent = between(cutoff - 90 * DAY, cutoff);
    const previous = between(cutoff - 180 * DAY, cutoff - 90 * DAY);
    const friendIds = data.friends.get(user) ?? [];
    const friendsInactive = friendIds.filter((friend) => {
      const friendLast = lastBefore(data.users.get(friend), cutoff);
      return friendLast === null || friendLast < cutoff - 90 * DAY;
    }).length;
    examples.push({
      features: {
        recencyDays: (cutoff - last) / DAY,
        recentEvents: recent.length,
        previousEvents: previous.length,
        recentSpend: 0,
        previousSpend: 0,
        engagedProducts: new Set(between(cutoff - 180 * DAY, cutoff).map((event) => event.artist)).size,
        friends: friendIds.length,
        friendsInactive,
      },
      churned: between(cutoff, cutoff + LABEL_DAYS * DAY).length === 0,
    });
  }
  return examples;
}

/** Logistic regression by projected gradient descent on standardised factors, with a small L2 penalty. */
function fit(examples: Example[], stats: FactorStats): ChurnModel {
  const rows = examples.map((example) => {
    const values = churnFactorValues(example.features);
    return { x: CHURN_FACTORS.map((factor) => standardise(values[factor], stats[factor])), y: example.churned ? 1 : 0 };
  });
  const weights = CHURN_FACTORS.map(() => 0);
  let intercept = 0;
  const l2 = 0.01;
  for (let iteration = 0; iteration < 3_000; iteration += 1) {
    const gradient = weights.map(() => 0);
    let gradientIntercept = 0;
    for (const row of rows) {
      const logit = intercept + row.x.reduce((sum, value, index) => sum + value * (weights[index] ?? 0), 0);
      const error = 1 / (1 + Math.exp(-logit)) - row.y;
      gradientIntercept += error;
      row.x.forEach((value, index) => (gradient[index] = (gradient[index] ?? 0) + error * value));
    }
    intercept -= (0.5 * gradientIntercept) / rows.length;
    // Weights stay ≥ 0: every factor is oriented so that more means riskier, and a negative
    // weight would turn a reason upside down ("activity down" lowering the risk).
    weights.forEach((weight, index) => (weights[index] = Math.max(0, weight - 0.5 * ((gradient[index] ?? 0) / rows.length + l2 * weight))));
  }
  return {
    intercept,
    weights: Object.fromEntries(CHURN_FACTORS.map((factor, index) => [factor, weights[index] ?? 0])) as ChurnModel['weights'],
  };
}

function precisionAtTop(scores: number[], labels: boolean[], fraction: number): number {
  const top = Math.max(1, Math.round(scores.length * fraction));
  // Ties broken by index, so a constant score gives the base rate, not a lucky order.
  const order = scores.map((score, index) => ({ score, index })).sort((a, b) => b.score - a.score || a.index - b.index);
  return order.slice(0, top).filter((entry) => labels[entry.index]).length / top;
}

function evaluate(examples: Example[], model: ChurnModel) {
  const stats = factorStats(examples.map((example) => churnFactorValues(example.features)));
  const labels = examples.map((example) => example.churned);
  const modelScores = examples.map((example) => scoreChurn(example.features, stats, model).risk);
  const recency = examples.map((example) => example.features.recencyDays);
  return {
    model: { auc: rocAuc(modelScores, labels), p10: precisionAtTop(modelScores, labels, 0.1) },
    recency: { auc: rocAuc(recency, labels), p10: precisionAtTop(recency, labels, 0.1) },
    baseRate: labels.filter(Boolean).length / Math.max(1, labels.length),
  };
}

function main(): void {
  if (!existsSync(path.join(DIR, 'user_taggedartists.dat'))) {
    console.error(`Last.fm HetRec 2011 not found at ${DIR}; set BENCH_LASTFM_DIR.`);
    process.exit(2);
  }
  const data = load();
  const train = examplesAt(data, TRAIN_CUTOFF);
  const refit = fit(train, factorStats(train.map((example) => churnFactorValues(example.features))));
  const format = (model: ChurnModel) => CHURN_FACTORS.map((factor) => `${factor} ${model.weights[factor].toFixed(2)}`).join(', ');
  console.log(`Last.fm tagging activity; train cut-off ${TRAIN_CUTOFF}: ${train.length} active users, ${train.filter((e) => e.churned).length} churned`);
  console.log(`refitted weights: intercept ${refit.intercept.toFixed(2)}, ${format(refit)}`);
  console.log(`shipped weights:  intercept ${CHURN_MODEL.intercept.toFixed(2)}, ${format(CHURN_MODEL)}\n`);
  const rows: Record<string, string | number>[] = [];
  for (const cutoff of [TRAIN_CUTOFF, ...TEST_CUTOFFS]) {
    const examples = examplesAt(data, cutoff);
    const shipped = evaluate(examples, CHURN_MODEL);
    const refitted = evaluate(examples, refit);
    rows.push({
      'cut-off': cutoff === TRAIN_CUTOFF ? `${cutoff} (train)` : cutoff,
      users: examples.length,
      'churn rate': shipped.baseRate.toFixed(3),
      'AUC shipped': shipped.model.auc.toFixed(3),
      'AUC refit': refitted.model.auc.toFixed(3),
      'AUC recency': shipped.recency.auc.toFixed(3),
      'Δ AUC': (shipped.model.auc - shipped.recency.auc).toFixed(3),
      'P@10% shipped': shipped.model.p10.toFixed(3),
      'P@10% refit': refitted.model.p10.toFixed(3),
      'P@10% recency': shipped.recency.p10.toFixed(3),
    });
  }
  console.log(table(rows));
}

main();
