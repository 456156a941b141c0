/**
 * npm run bench:analytics — wall time and memory of INFLUENCE + COMMUNITIES on a generated
 * graph (BENCH_ANALYTICS_USERS users, default 70,000: ~1.1 M FOLLOWS), for each backend
 * available, in the same run. Memory: peak RSS of this Node process (where the in-process
 * backend computes) and the Neo4j heap sampled during the job (where GDS computes).
 * Serving while a job runs: a stream of profile pages (PROFILE_PAGE_QUERY, 4 at a time, through
 * the same Apollo server the API runs, in this process, whose event loop the job must not
 * hold) is timed for BENCH_ANALYTICS_IDLE_SECONDS (default 10) with no job, then for the
 * whole job; the table gives both p99s and their ratio (issue 11's goal: ≤ 2×).
 * Uses its own local instance ("bench-analytics", port 7691).
 */
import { cypher } from '../src/db/cypher.js';
import { toSafeNumber } from '../src/db/values.js';
import { createAppDeps } from '../src/deps.js';
import { loadSyntheticGraph } from '../src/ingest/synthetic-graph.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../src/ingest/generate.js';
import { trackPeakMemory } from '../src/ingest/importer.js';
import { ingestQueries } from '../src/ingest/queries.js';
import { graphStats } from '../src/ingest/stats.js';
import { randomUUID } from 'node:crypto';
import { type AppDeps } from '../src/deps.js';
import { createContext } from '../src/context.js';
import { authForRole } from '../src/graphql/auth.js';
import { buildApiServer } from '../src/api.js';
import { fmt, openBenchDatabase, percentile, PROFILE_PAGE_QUERY, table, wipe } from './common.js';

const jvmHeap = cypher<{ used: number }, Record<string, never>>('bench/jvm-heap');
const USERS = Number(process.env['BENCH_ANALYTICS_USERS'] ?? 70_000);
const IDLE_SECONDS = Number(process.env['BENCH_ANALYTICS_IDLE_SECONDS'] ?? 10);
const CLIENTS = 4;

/** Profile pages, CLIENTS at a time, until `stop()` says so; returns sorted latencies (ms). */
async function servePages(deps: AppDeps, server: ReturnType<typeof buildApiServer>, ids: string[], stop: () => boolean): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (!stop()) {
        const sent = performance.now();
        const response = await server.executeOperation(
          { query: PROFILE_PAGE_QUERY, variables: { id: ids[next++ % ids.length] } },
          { contextValue: createContext(deps, authForRole('admin'), randomUUID()) },
        );
        if (response.body.kind !== 'single' || response.body.singleResult.errors)
          throw new Error(`profile page failed: ${JSON.stringify(response.body).slice(0, 300)}`);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const { config, logger, database } = await openBenchDatabase(
    process.env['BENCH_ANALYTICS_INSTANCE'] ?? 'bench-analytics',
    Number(process.env['BENCH_ANALYTICS_PORT'] ?? 7691),
  );
  const { db } = database;
  const [count] = await db.query(ingestQueries.countUsers, {});
  if (toSafeNumber(count?.users ?? 0) !== USERS) {
    await wipe(database);
    const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: USERS, seed: 2, now: new Date('2026-06-01T00:00:00Z') });
    await loadSyntheticGraph(db, graph, config, logger, undefined, 10_000, 'social');
  }
  const stats = await graphStats(db);
  const deps = createAppDeps(db, config, logger, { neo4jVersion: database.server.neo4jVersion, gds: database.server.gds });
  const server = buildApiServer(deps);
  await server.start();
  const ids = (
    await db.driver.executeQuery('MATCH (u:User) WITH u ORDER BY rand() LIMIT 1000 RETURN u.id', {}, { database: config.neo4j.database })
  ).records.map((record) => String(record.get(0)));
  const rows: Record<string, string | number>[] = [];
  const backends = database.server.gds ? (['inprocess', 'gds'] as const) : (['inprocess'] as const);
  for (const backend of backends) {
    const peakRss = trackPeakMemory();
    let peakHeap = 0;
    const sampler = setInterval(() => {
      db.query(jvmHeap, {})
        .then(([row]) => (peakHeap = Math.max(peakHeap, Number(row?.used ?? 0))))
        .catch(() => undefined);
    }, 500);
    const idleUntil = Date.now() + IDLE_SECONDS * 1000;
    const idle = await servePages(deps, server, ids, () => Date.now() > idleUntil);
    const started = Date.now();
    const { done } = await deps.analytics.start(['INFLUENCE', 'COMMUNITIES'], backend, 1);
    let finished = false;
    const [job, busy] = await Promise.all([done.finally(() => (finished = true)), servePages(deps, server, ids, () => finished)]);
    clearInterval(sampler);
    if (job.status !== 'SUCCEEDED') throw new Error(`${backend} job failed: ${job.error}`);
    rows.push({
      backend,
      users: fmt(job.nodeCount ?? 0),
      follows: fmt(job.relationshipCount ?? 0),
      'wall s': ((Date.now() - started) / 1000).toFixed(1),
      phases: job.timings.map((t) => `${t.phase} ${(t.ms / 1000).toFixed(1)}s`).join(', '),
      modularity: (job.modularity ?? 0).toFixed(3),
      communities: job.communityCount ?? 0,
      'node peak MB': peakRss(),
      'neo4j heap peak MB': Math.round(peakHeap / 1_048_576),
      'pages idle p99 ms': percentile(idle, 0.99).toFixed(1),
      'pages in job p99 ms': percentile(busy, 0.99).toFixed(1),
      'in job p99 ×idle': (percentile(busy, 0.99) / percentile(idle, 0.99)).toFixed(2),
      'pages in job max ms': (busy.at(-1) ?? Number.NaN).toFixed(0),
    });
  }
  process.stdout.write(
    `bench:analytics on ${fmt(Number(stats?.['users'] ?? 0))} users / ${fmt(Number(stats?.['follows'] ?? 0))} FOLLOWS, Neo4j ${database.server.neo4jVersion}${database.server.gds ? ' + GDS' : ''}\n${table(rows)}\n`,
  );
  if (rows.length === 2) {
    const [a, b] = rows;
    process.stdout.write(`wall time inprocess / gds = ${(Number(a?.['wall s']) / Number(b?.['wall s'])).toFixed(2)}\n`);
  }
  await server.stop();
  await database.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:analytics failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
