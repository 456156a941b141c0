/**
 * npm run bench:recommendations — how good User.recommendations is, on Last.fm HetRec 2011
 * (../shared/datasets/lastfm-hetrec2011 or BENCH_LASTFM_DIR).
 *
 * Protocol: for every user, a seeded 20% of their artists (at least one) is hidden: removed from
 * user_artists.dat and from the user's tag assignments on those artists, so neither the
 * listening nor the interest signal keeps a trace. A seeded 10% of users also keep only 2 of
 * their remaining artists (cold start: ≤ 2 known items). The rest is imported (a temporary
 * copy), then each strategy and AUTO is asked for every user through the product's service
 * (the loaders the API uses, a page of users per statement), 10 each. The product never
 * recommends what the user already engaged with (listens are VIEWED); the bench counts any known
 * artist that comes back all the same and prints the count (it must be 0).
 * Scores: HR@10 (a hidden artist in the top 10) and NDCG@10 (binary relevance), against
 * popularity (most listeners) and item-kNN (cosine between artists' listener sets, summed over
 * the user's artists) computed here from the same training data.
 * Uses its own local instance ("bench-recommendations", port 7704).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { runImport } from '../src/ingest/importer.js';
import { createRandom } from '../src/lib/random.js';
import { createRecommendationLoaders, RecommendationsService } from '../src/recommendations/index.js';
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
}

function split(): { split: Split; dir: string } {
  const random = createRandom(SPLIT_SEED, 5);
  const lines = readFileSync(path.join(LASTFM, 'user_artists.dat'), 'utf8').trim().split('\n');
  const byUser = new Map<string, string[]>();
  for (const line of lines.slice(1)) {
    const [u, a] = line.split('\t');
    if (u && a) byUser.set(u, [...(byUser.get(u) ?? []), a]);
  }
  const train = new Map<string, Set<string>>();
  const hidden = new Map<string, Set<string>>();
  const coldStart = new Set<string>();
  for (const [u, artists] of [...byUser].sort((a, b) => Number(a[0]) - Number(b[0]))) {
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
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-recommendations-'));
  // Both files start with "userID<TAB>artistID": keep the header and the training pairs only.
  for (const name of ['user_artists.dat', 'user_taggedartists.dat']) {
    const [header, ...rows] = readFileSync(path.join(LASTFM, name), 'utf8').trim().split('\n');
    const kept = rows.filter((line) => {
      const [u, a] = line.split('\t');
      return train.get(u ?? '')?.has(a ?? '') ?? false;
    });
    writeFileSync(path.join(dir, name), [header, ...kept].join('\n') + '\n');
  }
  for (const file of ['artists.dat', 'tags.dat', 'user_friends.dat']) copyFileSync(path.join(LASTFM, file), path.join(dir, file));
  return { split: { train, hidden, coldStart }, dir };
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
  const { split: data, dir } = split();
  const { config, logger, database } = await openBenchDatabase('bench-recommendations', 7704);
  const { db } = database;
  try {
    await wipe(database);
    await runImport(db, config, logger, { source: 'lastfm', dir, batchSize: 5_000, consent: true, tty: false, rejectsPath: path.join(dir, 'rejects.csv') });
    const users = [...data.train.keys()];
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
    const cold = users.filter((u) => data.coldStart.has(u));
    const warm = users.filter((u) => !data.coldStart.has(u));
    const rows: Record<string, string | number>[] = [];
    const methods: [string, Map<string, string[]>][] = [
      ['popularity (bench)', popularity],
      ['item-kNN cosine (bench)', knn],
      ...STRATEGIES.map((s) => [`product ${s}`, lists.get(s) ?? new Map()] as [string, Map<string, string[]>]),
    ];
    for (const [name, list] of methods) {
      const all = score(list, data.hidden, users);
      const warmScore = score(list, data.hidden, warm);
      const coldScore = score(list, data.hidden, cold);
      rows.push({
        method: name,
        'HR@10': all.hr.toFixed(3),
        'NDCG@10': all.ndcg.toFixed(4),
        'HR@10 warm': warmScore.hr.toFixed(3),
        'HR@10 cold (≤ 2 known)': coldScore.hr.toFixed(3),
        'NDCG@10 cold': coldScore.ndcg.toFixed(4),
      });
    }
    const auto = score(lists.get('AUTO') ?? new Map(), data.hidden, users);
    const knnAll = score(knn, data.hidden, users);
    const autoCold = score(lists.get('AUTO') ?? new Map(), data.hidden, cold);
    const popCold = score(popularity, data.hidden, cold);
    process.stdout.write(
      `bench:recommendations, Last.fm: ${users.length} users (${cold.length} cold start), 20% of artists hidden per user (split seed ${SPLIT_SEED}), ` +
        `product lists for ${STRATEGIES.length} strategies in ${seconds.toFixed(1)} s; known artists recommended: ${knownReturned} (must be 0)\n\n${table(rows)}\n\n` +
        `AUTO / item-kNN: HR@10 ${(auto.hr / knnAll.hr).toFixed(2)}×, NDCG@10 ${(auto.ndcg / knnAll.ndcg).toFixed(2)}× (goal ≥ 1)\n` +
        `cold start, AUTO / popularity: HR@10 ${(autoCold.hr / popCold.hr).toFixed(2)}×, NDCG@10 ${(autoCold.ndcg / popCold.ndcg).toFixed(2)}× (goal > 1)\n`,
    );
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:recommendations failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
