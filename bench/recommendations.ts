/**
 * npm run bench:recommendations — how good User.recommendations is, on Last.fm HetRec 2011
 * (../shared/datasets/lastfm-hetrec2011 or BENCH_LASTFM_DIR).
 *
 * Two protocols (BENCH_RECOMMENDATIONS_PROTOCOLS=random,time), each imported and scored on its own:
 * - random: for every user, a seeded 20% of their artists (at least one) is hidden: removed from
 *   user_artists.dat and from the user's tag assignments on those artists, so neither the
 *   listening nor the interest signal keeps a trace. A seeded 10% of users also keep only 2 of
 *   their remaining artists (cold start: ≤ 2 known items).
 * - time: each user's most recent 20% of the listened artists they tagged (by first tag date),
 *   and every tag of theirs from that date on, are hidden (timeSplit below).
 * The rest is imported (a temporary copy), then each strategy and AUTO is asked for every scored
 * user through the product's service (the loaders the API uses, a page of users per statement),
 * 10 each. The product never recommends what the user already engaged with (listens are
 * VIEWED); the bench counts any known artist that comes back all the same and prints the count
 * (it must be 0).
 * Scores: HR@10 (a hidden artist in the top 10) and NDCG@10 (binary relevance), against
 * references computed here from the same training data: popularity (most listeners), item-kNN
 * (cosine between artists' listener sets, summed over the user's artists) and EASE (Steck,
 * WWW 2019; bench/ease-reference.ts).
 * Uses its own local instance ("bench-recommendations", port 7704).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { runImport } from '../src/ingest/importer.js';
import { createRandom } from '../src/lib/random.js';
import { createRecommendationLoaders, RecommendationsService } from '../src/recommendations/index.js';
import type { Config } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import type { OpenDatabase } from '../src/db/open-database.js';
import { easeTop, fitEase } from './ease-reference.js';
import { openBenchDatabase, table, wipe } from './common.js';

const LASTFM = process.env['BENCH_LASTFM_DIR'] ?? path.resolve(PROJECT_ROOT, '..', 'shared', 'datasets', 'lastfm-hetrec2011');
const TOP = 10;
/** The hidden/cold-start split's seed (BENCH_RECOMMENDATIONS_SEED): AUTO's weights were set on 16; other seeds check them. */
const SPLIT_SEED = Number.parseInt(process.env['BENCH_RECOMMENDATIONS_SEED'] ?? '16', 10) || 16;
const STRATEGIES = ['ALSO_ENGAGED', 'FRIENDS', 'INTERESTS', 'POPULAR', 'AUTO'] as const;
const user = (id: string) => `lastfm-u${id}`;

interface Split {
  train: Map<string, Set<string>>;
  hidden: Map<string, Set<string>>;
  coldStart: Set<string>;
  /** A user's tag assignments from this date on (yyyymmdd) are dropped: the "future" of a time split. */
  cutoff: Map<string, number>;
}

type Protocol = 'random' | 'time';
const PROTOCOLS: Protocol[] = (process.env['BENCH_RECOMMENDATIONS_PROTOCOLS'] ?? 'random,time')
  .split(',')
  .map((p) => p.trim())
  .filter((p): p is Protocol => p === 'random' || p === 'time');
/** Time split: users with at least this many listened artists that they also tagged (dated). */
const TIME_MIN_DATED = 5;
/** EASE: λ as in the reference, over artists with at least this many training listeners. */
const EASE_LAMBDA = 300;
const EASE_MIN_LISTENERS = 5;

function readTsv(name: string): string[][] {
  return readFileSync(path.join(LASTFM, name), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'));
}

function listenedByUser(): Map<string, string[]> {
  const byUser = new Map<string, string[]>();
  for (const [u, a] of readTsv('user_artists.dat')) if (u && a) byUser.set(u, [...(byUser.get(u) ?? []), a]);
  return new Map([...byUser].sort((a, b) => Number(a[0]) - Number(b[0])));
}

/** Random protocol: a seeded 20% of each user's artists hidden; a seeded 10% of users keep only 2 (cold start). */
function randomSplit(): Split {
  const random = createRandom(SPLIT_SEED, 5);
  const train = new Map<string, Set<string>>();
  const hidden = new Map<string, Set<string>>();
  const coldStart = new Set<string>();
  for (const [u, artists] of listenedByUser()) {
    const shuffled = [...artists].sort((a, b) => Number(a) - Number(b));
    for (let i = shuffled.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j] ?? '', shuffled[i] ?? ''];
    }
    const hide = Math.max(1, Math.round(shuffled.length * 0.2));
    if (shuffled.length < 2) continue;
    hidden.set(u, new Set(shuffled.slice(0, hide)));
    let kept = shuffled.slice(hide);
    if (random() < 0.1) {
      kept = kept.slice(0, 2);
      coldStart.add(u);
    }
    train.set(u, new Set(kept));
  }
  return { train, hidden, coldStart, cutoff: new Map() };
}

/**
 * Time protocol (what a recommender is for: the next thing, not a random missing one). Listens
 * carry no time, but a user's first tag on an artist does: for each user with at least
 * TIME_MIN_DATED listened artists they tagged, the most recent 20% of those (at least one; ties
 * by artist id) are hidden, and every tag assignment of theirs from the first hidden date on is
 * dropped. Their undated listens stay in training (their time is unknown). Users with fewer
 * dated artists keep everything and are not scored. No cold-start subset: a user's own history
 * decides.
 */
function timeSplit(): Split {
  const listened = listenedByUser();
  const firstTagged = new Map<string, number>();
  for (const [u, a, , day, month, year] of readTsv('user_taggedartists.dat')) {
    const date = Number(year) * 10_000 + Number(month) * 100 + Number(day);
    const key = `${u}\t${a}`;
    if (date < (firstTagged.get(key) ?? Infinity)) firstTagged.set(key, date);
  }
  const train = new Map<string, Set<string>>();
  const hidden = new Map<string, Set<string>>();
  const cutoff = new Map<string, number>();
  for (const [u, artists] of listened) {
    const dated = artists
      .flatMap((a) => {
        const date = firstTagged.get(`${u}\t${a}`);
        return date === undefined ? [] : [{ a, date }];
      })
      .sort((x, y) => x.date - y.date || Number(x.a) - Number(y.a));
    if (dated.length < TIME_MIN_DATED) {
      train.set(u, new Set(artists));
      continue;
    }
    const newest = dated.slice(dated.length - Math.max(1, Math.round(dated.length * 0.2)));
    const hide = new Set(newest.map(({ a }) => a));
    hidden.set(u, hide);
    cutoff.set(u, newest[0]?.date ?? Infinity);
    train.set(u, new Set(artists.filter((a) => !hide.has(a))));
  }
  return { train, hidden, coldStart: new Set(), cutoff };
}

/** The training files, in a temporary copy of the data set. */
function writeTraining(data: Split): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-recommendations-'));
  // Both files start with "userID<TAB>artistID": keep the header and the training pairs only.
  for (const name of ['user_artists.dat', 'user_taggedartists.dat']) {
    const [header, ...rows] = readFileSync(path.join(LASTFM, name), 'utf8').trim().split('\n');
    const kept = rows.filter((line) => {
      const [u, a, , day, month, year] = line.split('\t');
      if (!(data.train.get(u ?? '')?.has(a ?? '') ?? false)) return false;
      const cutoff = data.cutoff.get(u ?? '');
      return name !== 'user_taggedartists.dat' || cutoff === undefined || Number(year) * 10_000 + Number(month) * 100 + Number(day) < cutoff;
    });
    writeFileSync(path.join(dir, name), [header, ...kept].join('\n') + '\n');
  }
  for (const file of ['artists.dat', 'tags.dat', 'user_friends.dat']) copyFileSync(path.join(LASTFM, file), path.join(dir, file));
  return dir;
}

/** Popularity and item-kNN (cosine of listener sets) from the training data. */
function baselines(train: Map<string, Set<string>>): { popular: string[]; itemKnn: (u: string) => string[] } {
  const listeners = new Map<string, string[]>();
  for (const [u, artists] of train) for (const a of artists) listeners.set(a, [...(listeners.get(a) ?? []), u]);
  const popular = [...listeners.keys()].sort((a, b) => (listeners.get(b)?.length ?? 0) - (listeners.get(a)?.length ?? 0) || Number(a) - Number(b));
  const itemKnn = (u: string) => {
    const known = train.get(u) ?? new Set<string>();
    const scores = new Map<string, number>();
    for (const j of known) {
      // co-listeners of j, then their artists: co-counts c(i, j), scored c / √(n_i n_j)
      const co = new Map<string, number>();
      for (const v of listeners.get(j) ?? []) {
        if (v === u) continue;
        for (const i of train.get(v) ?? []) if (!known.has(i)) co.set(i, (co.get(i) ?? 0) + 1);
      }
      const nj = listeners.get(j)?.length ?? 1;
      for (const [i, c] of co) scores.set(i, (scores.get(i) ?? 0) + c / Math.sqrt(nj * (listeners.get(i)?.length ?? 1)));
    }
    return [...scores].sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0])).map(([i]) => i);
  };
  return { popular, itemKnn };
}

function score(lists: Map<string, string[]>, hidden: Map<string, Set<string>>, users: string[]): { hr: number; ndcg: number } {
  let hits = 0;
  let ndcg = 0;
  for (const u of users) {
    const relevant = hidden.get(u) ?? new Set<string>();
    const top = (lists.get(u) ?? []).slice(0, TOP);
    let dcg = 0;
    top.forEach((a, rank) => {
      if (relevant.has(a)) dcg += 1 / Math.log2(rank + 2);
    });
    let ideal = 0;
    for (let rank = 0; rank < Math.min(TOP, relevant.size); rank += 1) ideal += 1 / Math.log2(rank + 2);
    if (dcg > 0) hits += 1;
    ndcg += ideal > 0 ? dcg / ideal : 0;
  }
  return { hr: hits / Math.max(1, users.length), ndcg: ndcg / Math.max(1, users.length) };
}

async function main(): Promise<void> {
  if (!existsSync(LASTFM)) {
    process.stdout.write(`(skipping: ${LASTFM} not found; set BENCH_LASTFM_DIR)\n`);
    return;
  }
  const { config, logger, database } = await openBenchDatabase('bench-recommendations', 7704);
  try {
    for (const protocol of PROTOCOLS) await runProtocol(protocol, database, config, logger);
  } finally {
    await database.close();
  }
}

async function runProtocol(protocol: Protocol, database: OpenDatabase, config: Config, logger: Logger): Promise<void> {
  const data = protocol === 'random' ? randomSplit() : timeSplit();
  const dir = writeTraining(data);
  const { db } = database;
  try {
    await wipe(database);
    await runImport(db, config, logger, { source: 'lastfm', dir, batchSize: 5_000, consent: true, tty: false, rejectsPath: path.join(dir, 'rejects.csv') });
    // Scored: the users with hidden artists (under the time split, those with enough dated ones).
    const users = [...data.hidden.keys()];
    const lists = new Map<string, Map<string, string[]>>(STRATEGIES.map((s) => [s, new Map()]));
    const started = Date.now();
    let knownReturned = 0;
    for (let i = 0; i < users.length; i += 100) {
      const page = users.slice(i, i + 100);
      // One set of loaders per page, as one GraphQL request would have: a statement per strategy.
      const service = new RecommendationsService(createRecommendationLoaders(db));
      for (const strategy of STRATEGIES) {
        const answers = await Promise.all(page.map((u) => service.forUser(user(u), TOP, strategy)));
        page.forEach((u, k) => {
          const known = data.train.get(u) ?? new Set<string>();
          const artists = (answers[k] ?? []).map((r) => r.product.id.replace('lastfm-a', ''));
          knownReturned += artists.filter((a) => known.has(a)).length;
          lists.get(strategy)?.set(u, artists);
        });
      }
    }
    const seconds = (Date.now() - started) / 1000;
    const { popular, itemKnn } = baselines(data.train);
    const popularity = new Map(users.map((u) => [u, popular.filter((a) => !data.train.get(u)?.has(a)).slice(0, TOP)]));
    const knn = new Map(users.map((u) => [u, itemKnn(u).slice(0, TOP)]));
    const easeStarted = Date.now();
    const model = fitEase(data.train, EASE_LAMBDA, EASE_MIN_LISTENERS);
    const ease = new Map(users.map((u) => [u, easeTop(model, data.train.get(u) ?? new Set(), TOP)]));
    const easeSeconds = (Date.now() - easeStarted) / 1000;
    const cold = users.filter((u) => data.coldStart.has(u));
    const warm = users.filter((u) => !data.coldStart.has(u));
    const rows: Record<string, string | number>[] = [];
    const methods: [string, Map<string, string[]>][] = [
      ['popularity (bench)', popularity],
      ['item-kNN cosine (bench)', knn],
      [`EASE λ = ${EASE_LAMBDA} (bench)`, ease],
      ...STRATEGIES.map((s) => [`product ${s}`, lists.get(s) ?? new Map()] as [string, Map<string, string[]>]),
    ];
    for (const [name, list] of methods) {
      const all = score(list, data.hidden, users);
      const row: Record<string, string | number> = { method: name, 'HR@10': all.hr.toFixed(3), 'NDCG@10': all.ndcg.toFixed(4) };
      if (cold.length > 0) {
        const warmScore = score(list, data.hidden, warm);
        const coldScore = score(list, data.hidden, cold);
        Object.assign(row, {
          'HR@10 warm': warmScore.hr.toFixed(3),
          'HR@10 cold (≤ 2 known)': coldScore.hr.toFixed(3),
          'NDCG@10 cold': coldScore.ndcg.toFixed(4),
        });
      }
      rows.push(row);
    }
    const auto = score(lists.get('AUTO') ?? new Map(), data.hidden, users);
    const knnAll = score(knn, data.hidden, users);
    const easeAll = score(ease, data.hidden, users);
    const described =
      protocol === 'random'
        ? `a seeded 20% of each user's artists hidden (split seed ${SPLIT_SEED}), ${cold.length} users cold start`
        : `each user's most recent 20% of the artists they tagged hidden (users with ≥ ${TIME_MIN_DATED} such artists), their later tags dropped`;
    process.stdout.write(
      `bench:recommendations, Last.fm, ${protocol} split: ${users.length} users scored, ${described}; ` +
        `product lists for ${STRATEGIES.length} strategies in ${seconds.toFixed(1)} s, EASE over ${model.items.length} artists (≥ ${EASE_MIN_LISTENERS} listeners) in ${easeSeconds.toFixed(1)} s; ` +
        `known artists recommended: ${knownReturned} (must be 0)\n\n${table(rows)}\n\n` +
        `AUTO / item-kNN: HR@10 ${(auto.hr / knnAll.hr).toFixed(2)}×, NDCG@10 ${(auto.ndcg / knnAll.ndcg).toFixed(2)}× (goal ≥ 1)\n` +
        `AUTO / EASE: HR@10 ${(auto.hr / easeAll.hr).toFixed(2)}×, NDCG@10 ${(auto.ndcg / easeAll.ndcg).toFixed(2)}× (goal ≥ 0.95)\n`,
    );
    if (cold.length > 0) {
      const autoCold = score(lists.get('AUTO') ?? new Map(), data.hidden, cold);
      const popCold = score(popularity, data.hidden, cold);
      process.stdout.write(
        `cold start, AUTO / popularity: HR@10 ${(autoCold.hr / popCold.hr).toFixed(2)}×, NDCG@10 ${(autoCold.ndcg / popCold.ndcg).toFixed(2)}× (goal > 1)\n`,
      );
    }
    process.stdout.write('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:recommendations failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
