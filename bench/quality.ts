/**
 * npm run bench:quality — how good the analytics are, on data with known answers.
 *
 * Communities: NMI against ground truth and modularity, for each backend, on
 *  - SNAP email-Eu-core (../shared/datasets/email-eu-core, or BENCH_EMAIL_DIR): departments;
 *  - generated graphs with planted communities at mixing μ = 0.3 and 0.5.
 * KOL sets: reach of k = 10 seeds chosen by the product's kolSet (greedy coverage), by top-k
 * PageRank and by top-k follower count, under the independent cascade model (Kempe, Kleinberg
 * & Tardos, KDD 2003: each newly reached user reaches each of its followers once with
 * probability p), averaged over 500 simulations with fixed seeds.
 * Uses its own local instance ("bench-quality", port 7692).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { streamProjection, type Projection } from '../src/analytics/index.js';
import { nmi } from '../tests/helpers/nmi.js';
import { loadConfig, PROJECT_ROOT } from '../src/config.js';
import { modularity, toUndirected } from '../src/communities/index.js';
import { cypher } from '../src/db/cypher.js';
import { createAppDeps } from '../src/deps.js';
import { loadSyntheticGraph } from '../src/ingest/synthetic-graph.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../src/ingest/generate.js';
import { ingestQueries } from '../src/ingest/queries.js';
import { createRandom } from '../src/lib/random.js';
import { createInfluenceLoaders, InfluenceService } from '../src/influence/index.js';
import { pageRank } from '../src/influence/pagerank.js';
import type { Db } from '../src/db/db.js';
import { openBenchDatabase, table, wipe } from './common.js';

const memberships = cypher<{ id: string; community: string }, Record<string, never>>('bench/memberships');
const EMAIL = process.env['BENCH_EMAIL_DIR'] ?? path.resolve(PROJECT_ROOT, '..', 'shared', 'datasets', 'email-eu-core');
const K = 10;
const SIMULATIONS = 500;

interface Dataset {
  name: string;
  load: (db: Db) => Promise<void>;
  truth: (id: string) => number;
}

async function loadEdges(db: Db, ids: string[], edges: [string, string][]): Promise<void> {
  for (let i = 0; i < ids.length; i += 5_000) {
    await db.mutate(ingestQueries.upsertUsers, {
      rows: ids.slice(i, i + 5_000).map((id) => ({ id, props: { displayName: id, consentProfiling: true, consentMarketing: true } })),
    });
  }
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
  return { name: 'email-Eu-core (42 departments)', load: (db) => loadEdges(db, [...departments.keys()], edges), truth: (id) => departments.get(id) ?? -1 };
}

function plantedDataset(mixing: number): Dataset {
  const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: 5_000, mixing, communitySize: 100, seed: 9, now: new Date('2026-06-01T00:00:00Z') });
  return {
    name: `generated, 5,000 users, μ = ${mixing}`,
    load: async (db) =>
      void (await loadSyntheticGraph(db, graph, loadConfig({}).limits, (await import('../src/logger.js')).createLogger('silent'), undefined, 10_000, 'social')),
    truth: (id) => graph.communityOf(Number(id.slice(1))),
  };
}

/** Mean number of users reached from `seeds` under the independent cascade model. */
function independentCascade(graph: Projection, seeds: number[], p: number, runs: number): number {
  const followers: number[][] = Array.from({ length: graph.ids.length }, () => []);
  for (let e = 0; e < graph.sources.length; e += 1) followers[graph.targets[e] ?? 0]?.push(graph.sources[e] ?? 0);
  let total = 0;
  for (let run = 0; run < runs; run += 1) {
    const random = createRandom(1234, 7, run);
    const reached = new Uint8Array(graph.ids.length);
    const frontier = [...seeds];
    for (const seed of seeds) reached[seed] = 1;
    let count = seeds.length;
    while (frontier.length > 0) {
      const v = frontier.pop() ?? 0;
      for (const follower of followers[v] ?? []) {
        if (!reached[follower] && random() < p) {
          reached[follower] = 1;
          count += 1;
          frontier.push(follower);
        }
      }
    }
    total += count;
  }
  return total / runs;
}

async function main(): Promise<void> {
  const { config, logger, database } = await openBenchDatabase('bench-quality', 7692);
  const { db } = database;
  const deps = createAppDeps(db, config, logger, { neo4jVersion: database.server.neo4jVersion, gds: database.server.gds });
  const backends = database.server.gds ? (['inprocess', 'gds'] as const) : (['inprocess'] as const);
  const datasets = [emailDataset(), plantedDataset(0.3), plantedDataset(0.5)].filter((d): d is Dataset => d !== null);
  const communityRows: Record<string, string | number>[] = [];
  const reachRows: Record<string, string | number>[] = [];
  for (const dataset of datasets) {
    await wipe(database);
    await dataset.load(db);
    const projection = await streamProjection(db);
    const truth = projection.ids.map(dataset.truth);
    const undirected = toUndirected(projection);
    communityRows.push({
      graph: dataset.name,
      method: 'ground truth',
      communities: new Set(truth).size,
      NMI: '1.000',
      modularity: modularity(undirected, Uint32Array.from(truth)).toFixed(3),
    });
    for (const backend of backends) {
      const { done } = await deps.analytics.start(['INFLUENCE', 'COMMUNITIES'], backend, 1);
      const job = await done;
      if (job.status !== 'SUCCEEDED') throw new Error(`${backend} failed on ${dataset.name}: ${job.error}`);
      const found = new Map((await db.query(memberships, {})).map((row) => [row.id, row.community]));
      const numbering = new Map<string, number>();
      const labels = projection.ids.map((id) => {
        const key = found.get(id) ?? 'none';
        if (!numbering.has(key)) numbering.set(key, numbering.size);
        return numbering.get(key) ?? 0;
      });
      communityRows.push({
        graph: dataset.name,
        method: `Louvain (${backend})`,
        communities: job.communityCount ?? 0,
        NMI: nmi(labels, truth).toFixed(3),
        modularity: (job.modularity ?? 0).toFixed(3),
      });
    }

    // KOL reach: the product's kolSet vs top-k PageRank vs top-k followers, same cascade runs.
    const index = new Map(projection.ids.map((id, i) => [id, i]));
    const kolSet = await new InfluenceService(db, createInfluenceLoaders(db)).kolSet(K, {}, 100);
    const scores = pageRank(projection).scores;
    const inDegree = new Uint32Array(projection.ids.length);
    for (const target of projection.targets) inDegree[target] = (inDegree[target] ?? 0) + 1;
    const topBy = (values: ArrayLike<number>) =>
      Array.from({ length: projection.ids.length }, (_, i) => i)
        .sort((a, b) => (values[b] ?? 0) - (values[a] ?? 0))
        .slice(0, K);
    const seeds = {
      'kolSet (greedy coverage)': kolSet.members.map((m) => index.get(m.user.id) ?? 0),
      'top-k PageRank': topBy(scores),
      'top-k followers': topBy(inDegree),
    };
    for (const p of [0.01, 0.05]) {
      const row: Record<string, string | number> = { graph: dataset.name, p };
      const reach = Object.fromEntries(Object.entries(seeds).map(([name, chosen]) => [name, independentCascade(projection, chosen, p, SIMULATIONS)]));
      for (const [name, value] of Object.entries(reach)) row[name] = value.toFixed(1);
      row['kolSet / PageRank'] = ((reach['kolSet (greedy coverage)'] ?? 0) / (reach['top-k PageRank'] ?? 1)).toFixed(2);
      reachRows.push(row);
    }
  }
  process.stdout.write(
    `bench:quality, Neo4j ${database.server.neo4jVersion}${database.server.gds ? ' + GDS' : ''}\n\nCommunities\n${table(communityRows)}\n\nReach of ${K} seeds, independent cascade, ${SIMULATIONS} runs\n${table(reachRows)}\n`,
  );
  await database.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:quality failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
