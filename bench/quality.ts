/**
 * npm run bench:quality — how good the analytics are, on data with known answers.
 *
 * Communities (Leiden through an analytics job, seed 1: each backend's default, and gds.leiden on
 * follow weights): NMI against ground truth
 * and modularity on SNAP email-Eu-core (departments; ../shared/datasets/email-eu-core or
 * BENCH_EMAIL_DIR) and on generated graphs with planted communities at mixing μ = 0.3, 0.4
 * and 0.5 (5,000 users, communities of ~50, 6 follows each: sparse enough that methods
 * differ). Beside them: the in-process algorithm over seeds 1–5 for both tie weightings, and
 * leidenalg (Traag's implementation; Debian's python3-leidenalg, run by
 * bench/leidenalg-reference.py) over the same seeds when it is installed. Determinism: the
 * same graph is loaded again with its edges in reverse order and the in-process job re-run;
 * the two partitions must be identical. Issue 40's goal is printed per graph: the default job's
 * NMI at least leidenalg's mean.
 *
 * KOL sets (k = 20): the product's kolSet (robust default, and the set for each analysed p),
 * the top 20 keyOpinionLeaders and the top 20 by followers, as a ratio to CELF greedy
 * (bench/cascade-reference.ts) under independent cascades, for p from 0.005 to 0.05 (grid
 * points and points between them), on SNAP ego-Facebook (friendships as follows both ways),
 * email-Eu-core and the generated μ = 0.3 graph. CELF chooses on 200 live-edge worlds; every
 * set is scored on 200 other worlds.
 *
 * Uses its own local instance ("bench-quality", port 7692). BENCH_QUALITY_SKIP_KOL=1 skips the
 * KOL part, BENCH_QUALITY_SKIP_COMMUNITIES=1 the community part.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { streamProjection, type Projection } from '../src/analytics/index.js';
import { nmi } from '../tests/helpers/nmi.js';
import { PROJECT_ROOT } from '../src/config.js';
import { detectCommunities, modularity, undirectedTies } from '../src/communities/index.js';
import { cypher } from '../src/db/cypher.js';
import { createAppDeps } from '../src/deps.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../src/ingest/generate.js';
import { ingestQueries } from '../src/ingest/queries.js';
import { createInfluenceLoaders, InfluenceService } from '../src/influence/index.js';
import { KOL_PROBABILITIES } from '../src/influence/robust-spread.js';
import type { Db } from '../src/db/db.js';
import { LiveEdgeWorlds } from './cascade-reference.js';
import { openBenchDatabase, table, wipe } from './common.js';

const memberships = cypher<{ id: string; community: string }, Record<string, never>>('bench/memberships');
const DATASETS = path.resolve(PROJECT_ROOT, '..', 'shared', 'datasets');
const EMAIL = process.env['BENCH_EMAIL_DIR'] ?? path.join(DATASETS, 'email-eu-core');
const FACEBOOK = process.env['BENCH_FACEBOOK_DIR'] ?? path.join(DATASETS, 'facebook-ego');
const K = 20;
const WORLDS = 200;
const SEEDS = [1, 2, 3, 4, 5];
const PROBABILITIES = [0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05];
const LEIDENALG = '/usr/bin/python3';

interface Dataset {
  name: string;
  /** [follower, followee] pairs. */
  edges: [string, string][];
  ids: string[];
  truth: ((id: string) => number) | null;
  kol: boolean;
}

async function load(db: Db, dataset: Dataset, reversed = false): Promise<void> {
  for (let i = 0; i < dataset.ids.length; i += 5_000) {
    await db.mutate(ingestQueries.upsertUsers, {
      rows: dataset.ids.slice(i, i + 5_000).map((id) => ({ id, props: { displayName: id, consentProfiling: true, consentMarketing: true } })),
    });
  }
  const edges = reversed ? [...dataset.edges].reverse() : dataset.edges;
  for (let i = 0; i < edges.length; i += 10_000) {
    await db.mutate(ingestQueries.upsertFollows, {
      rows: edges.slice(i, i + 10_000).map(([followerId, followeeId]) => ({ followerId, followeeId, since: null, weight: 1 })),
    });
  }
}

function emailDataset(): Dataset | null {
  if (!existsSync(EMAIL)) return null;
  const departments = new Map(
    readFileSync(path.join(EMAIL, 'email-Eu-core-department-labels.txt'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const [node, department] = line.split(' ');
        return [`e${node}`, Number(department)] as [string, number];
      }),
  );
  const edges = readFileSync(path.join(EMAIL, 'email-Eu-core.txt'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(' ').map((id) => `e${id}`) as [string, string])
    .filter(([a, b]) => a !== b);
  return { name: 'email-Eu-core', edges, ids: [...departments.keys()], truth: (id) => departments.get(id) ?? -1, kol: true };
}

function facebookDataset(): Dataset | null {
  const file = path.join(FACEBOOK, 'facebook_combined.txt');
  if (!existsSync(file)) return null;
  const edges = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .flatMap((line) => {
      const [a, b] = line.split(' ').map((id) => `f${id}`) as [string, string];
      return [
        [a, b],
        [b, a],
      ] as [string, string][];
    });
  return { name: 'ego-Facebook', edges, ids: [...new Set(edges.flat())], truth: null, kol: true };
}

function plantedDataset(mixing: number): Dataset {
  const graph = new SyntheticGraph({
    ...DEFAULT_GENERATE_OPTIONS,
    users: 5_000,
    mixing,
    communitySize: 50,
    meanFollows: 6,
    seed: 9,
    now: new Date('2026-06-01T00:00:00Z'),
  });
  return {
    name: `generated μ = ${mixing}`,
    edges: [...graph.follows()].map((follow) => [follow.followerId, follow.followeeId]),
    ids: Array.from({ length: 5_000 }, (_, i) => graph.userId(i)),
    truth: (id) => graph.communityOf(Number(id.slice(1))),
    kol: mixing === 0.3,
  };
}

/** leidenalg's partitions (one per seed), or null when python3-leidenalg is not installed. */
function leidenalg(projection: Projection): number[][] | null {
  try {
    execFileSync(LEIDENALG, ['-c', 'import igraph, leidenalg'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const lines = [String(projection.ids.length)];
  const ties = undirectedTies(projection);
  for (let v = 0; v < ties.nodes; v += 1) {
    for (let i = ties.offsets[v] ?? 0; i < (ties.offsets[v + 1] ?? 0); i += 1) {
      const u = ties.neighbours[i] ?? 0;
      if (v < u) lines.push(`${v} ${u} ${String(ties.weights[i])}`);
    }
  }
  const script = path.join(PROJECT_ROOT, 'bench', 'leidenalg-reference.py');
  return SEEDS.map((seed) =>
    execFileSync(LEIDENALG, [script, String(seed)], { input: lines.join('\n'), maxBuffer: 1 << 26 })
      .toString()
      .trim()
      .split(' ')
      .map(Number),
  );
}

const spread = (values: number[]) =>
  `${(values.reduce((sum, v) => sum + v, 0) / values.length).toFixed(3)} (${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)})`;

async function main(): Promise<void> {
  const { config, logger, database } = await openBenchDatabase('bench-quality', 7692);
  const { db } = database;
  const deps = createAppDeps(db, config, logger, { neo4jVersion: database.server.neo4jVersion, gds: database.server.gds });
  const backends = database.server.gds ? (['gds', 'inprocess'] as const) : (['inprocess'] as const);
  const skipKol = process.env['BENCH_QUALITY_SKIP_KOL'] === '1';
  const skipCommunities = process.env['BENCH_QUALITY_SKIP_COMMUNITIES'] === '1';
  const datasets = [facebookDataset(), emailDataset(), plantedDataset(0.3), plantedDataset(0.4), plantedDataset(0.5)].filter(
    (d): d is Dataset => d !== null && (skipKol ? d.truth !== null : skipCommunities ? d.kol : true),
  );
  const communityRows: Record<string, string | number>[] = [];
  const kolRows: Record<string, string | number>[] = [];
  const partitionOf = async (projection: Projection) => {
    const found = new Map((await db.query(memberships, {})).map((row) => [row.id, row.community]));
    const numbering = new Map<string, number>();
    return projection.ids.map((id) => {
      const key = found.get(id) ?? 'none';
      if (!numbering.has(key)) numbering.set(key, numbering.size);
      return numbering.get(key) ?? 0;
    });
  };
  for (const dataset of datasets) {
    await wipe(database);
    await load(db, dataset);
    const projection = await streamProjection(db);
    const undirected = undirectedTies(projection);
    const truth = dataset.truth ? projection.ids.map(dataset.truth) : null;
    const byBackend = new Map<string, number[]>();
    // The default job on each backend (what a fresh install runs), then GDS's own Leiden on
    // follow weights (what the GDS default was before issue 40).
    const jobs: { backend: 'gds' | 'inprocess'; weighting?: 'FOLLOW_WEIGHT'; key: string }[] = backends.map((backend) => ({
      backend,
      key: `default ${backend}`,
    }));
    if (database.server.gds) jobs.push({ backend: 'gds', weighting: 'FOLLOW_WEIGHT', key: 'gds.leiden' });
    const defaultNmi = new Map<string, number>();
    for (const { backend, weighting, key } of jobs) {
      const { done } = await deps.analytics.start(weighting ? ['COMMUNITIES'] : ['INFLUENCE', 'COMMUNITIES'], backend, 1, 1, weighting);
      const job = await done;
      if (job.status !== 'SUCCEEDED') throw new Error(`${backend} failed on ${dataset.name}: ${job.error}`);
      const labels = await partitionOf(projection);
      byBackend.set(key, labels);
      if (truth && !skipCommunities) {
        if (!weighting) defaultNmi.set(backend, nmi(labels, truth));
        communityRows.push({
          graph: dataset.name,
          method: `Leiden job (${backend}${weighting ? '' : ', default'}: ${job.weighting ?? ''}, detected ${job.communitiesBackend ?? ''}, seed 1)`,
          communities: job.communityCount ?? 0,
          NMI: nmi(labels, truth).toFixed(3),
          modularity: (job.modularity ?? 0).toFixed(3),
        });
      }
    }
    if (truth && !skipCommunities) {
      for (const weighting of ['EMBEDDEDNESS', 'FOLLOW_WEIGHT'] as const) {
        const partitions = SEEDS.map((seed) => detectCommunities(projection, { seed, weighting }));
        communityRows.push({
          graph: dataset.name,
          method: `in-process ${weighting}, seeds 1–5`,
          communities: spread(partitions.map((p) => p.count)).replace(/\.000/g, ''),
          NMI: spread(partitions.map((p) => nmi(p.membership, truth))),
          modularity: spread(partitions.map((p) => p.modularity)),
        });
      }
      const reference = leidenalg(projection);
      communityRows.push(
        reference
          ? {
              graph: dataset.name,
              method: 'leidenalg (modularity), seeds 1–5',
              communities: spread(reference.map((p) => new Set(p).size)).replace(/\.000/g, ''),
              NMI: spread(reference.map((p) => nmi(p, truth))),
              modularity: spread(reference.map((p) => modularity(undirected, Uint32Array.from(p)))),
            }
          : { graph: dataset.name, method: 'leidenalg: not installed (apt-get install python3-leidenalg)', communities: '', NMI: '', modularity: '' },
      );
      if (reference) {
        // Issue 40's goal: the default configuration at least as good as leidenalg (its mean over seeds).
        const leidenalgNmi = reference.reduce((sum, p) => sum + nmi(p, truth), 0) / reference.length;
        for (const [backend, value] of defaultNmi) {
          communityRows.push({
            graph: dataset.name,
            method: `goal: default job (${backend}) NMI ≥ leidenalg's mean`,
            communities: '',
            NMI: `${value.toFixed(3)} vs ${leidenalgNmi.toFixed(3)}`,
            modularity: value >= leidenalgNmi ? 'met' : 'NOT MET',
          });
        }
      }
      const gds = byBackend.get('gds.leiden');
      const inprocess = byBackend.get('default inprocess') ?? [];
      if (gds)
        communityRows.push({
          graph: dataset.name,
          method: 'NMI between gds.leiden and the in-process default',
          communities: '',
          NMI: nmi(gds, inprocess).toFixed(3),
          modularity: '',
        });
      // The same graph loaded again, edges in reverse order: the in-process job must not notice.
      await wipe(database);
      await load(db, dataset, true);
      const again = await (await deps.analytics.start(['COMMUNITIES'], 'inprocess', 1)).done;
      if (again.status !== 'SUCCEEDED') throw new Error(`re-run failed on ${dataset.name}: ${again.error}`);
      const reloaded = await partitionOf(await streamProjection(db));
      communityRows.push({
        graph: dataset.name,
        method: 'same graph, edges loaded in reverse order (in-process)',
        communities: again.communityCount ?? 0,
        NMI: nmi(reloaded, inprocess).toFixed(3),
        modularity: reloaded.every((label, i) => label === inprocess[i]) ? 'identical' : 'DIFFERENT',
      });
    }
    if (dataset.kol && !skipKol) kolRows.push(...(await kolQuality(db, dataset.name, projection)));
  }
  process.stdout.write(`bench:quality, Neo4j ${database.server.neo4jVersion}${database.server.gds ? ' + GDS' : ''}\n`);
  if (communityRows.length > 0) process.stdout.write(`\nCommunities (Leiden)\n${table(communityRows)}\n`);
  if (kolRows.length > 0) {
    process.stdout.write(
      `\nKOL sets, k = ${K}: expected reach as a ratio to CELF greedy (independent cascades; CELF on ${WORLDS} live-edge worlds, all scored on ${WORLDS} others)\n${table(kolRows)}\n`,
    );
  }
  await database.close();
}

/** Ratios to CELF of the product's sets (robust and per-p), top KOLs and top followers. */
async function kolQuality(db: Db, name: string, projection: Projection): Promise<Record<string, string | number>[]> {
  const influence = new InfluenceService(db, createInfluenceLoaders(db));
  const index = new Map(projection.ids.map((id, i) => [id, i]));
  const toIndices = (ids: string[]) => ids.map((id) => index.get(id) ?? -1).filter((i) => i >= 0);
  const robust = toIndices((await influence.kolSet(K, null, {}, 100)).members.map((m) => m.user.id));
  const perP = new Map<number, number[]>();
  for (const p of KOL_PROBABILITIES) perP.set(p, toIndices((await influence.kolSet(K, p, {}, 100)).members.map((m) => m.user.id)));
  const topKols = toIndices((await influence.keyOpinionLeaders({}, K)).map((kol) => kol.user.id));
  const followers = new Uint32Array(projection.ids.length);
  for (const target of projection.targets) followers[target] = (followers[target] ?? 0) + 1;
  const topFollowers = Array.from(followers.keys())
    .sort((a, b) => (followers[b] ?? 0) - (followers[a] ?? 0) || a - b)
    .slice(0, K);
  const rows: Record<string, string | number>[] = [];
  const worst = { robust: Number.POSITIVE_INFINITY, kols: Number.POSITIVE_INFINITY, followers: Number.POSITIVE_INFINITY };
  for (const p of PROBABILITIES) {
    const celf = new LiveEdgeWorlds(projection, p, WORLDS, 1).celf(K);
    const scoring = new LiveEdgeWorlds(projection, p, WORLDS, 2);
    const best = scoring.reach(celf);
    const ratio = (set: number[]) => scoring.reach(set) / best;
    const nearest = KOL_PROBABILITIES.reduce((a, b) => (Math.abs(Math.log(b / p)) < Math.abs(Math.log(a / p)) ? b : a));
    const row = {
      graph: name,
      p,
      'CELF reach': best.toFixed(1),
      'kolSet (robust default)': ratio(robust),
      [`kolSet(probability)`]: ratio(perP.get(nearest) ?? []),
      'top-20 keyOpinionLeaders': ratio(topKols),
      'top-20 by followers': ratio(topFollowers),
    };
    worst.robust = Math.min(worst.robust, row['kolSet (robust default)']);
    worst.kols = Math.min(worst.kols, row['top-20 keyOpinionLeaders']);
    worst.followers = Math.min(worst.followers, row['top-20 by followers']);
    rows.push(
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [
          key,
          typeof value === 'number' && key !== 'p' ? `${value.toFixed(3)}${key === 'kolSet(probability)' ? ` (p = ${nearest})` : ''}` : value,
        ]),
      ),
    );
  }
  rows.push({
    graph: name,
    p: 'worst',
    'CELF reach': '',
    'kolSet (robust default)': worst.robust.toFixed(3),
    'kolSet(probability)': '',
    'top-20 keyOpinionLeaders': worst.kols.toFixed(3),
    'top-20 by followers': worst.followers.toFixed(3),
  });
  return rows;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:quality failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
