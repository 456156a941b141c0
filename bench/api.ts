/**
 * npm run bench:api — serving profile pages: throughput, latency percentiles and Cypher
 * queries per request for a page of 20 profiles (interests, counts, 5 friends with their
 * follower counts, 3 purchases each), with DataLoader batching (the product) and without it
 * (every per-user field is its own query: what a naive resolver layer does), same server,
 * same data, same run. Runs in-process (executeOperation), so HTTP is not measured.
 * Uses its own local instance ("bench-api", port 7690) with a seeded synthetic graph.
 */
import { randomUUID } from 'node:crypto';
import { loadSyntheticGraph } from '../src/ingest/synthetic-graph.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../src/ingest/generate.js';
import { ingestQueries } from '../src/ingest/queries.js';
import { createAppDeps } from '../src/deps.js';
import { createContext } from '../src/context.js';
import { authForRole } from '../src/graphql/auth.js';
import { buildApiServer } from '../src/api.js';
import { trackPeakMemory } from '../src/ingest/importer.js';
import { fmt, openBenchDatabase, percentile, table, wipe } from './common.js';

const USERS = Number(process.env['BENCH_API_USERS'] ?? 20_000);
const REQUESTS = Number(process.env['BENCH_API_REQUESTS'] ?? 300);
const CONCURRENCY = Number(process.env['BENCH_API_CONCURRENCY'] ?? 8);

const PAGE = `query ($after: String) {
  users(first: 20, after: $after) {
    nodes {
      id displayName ageBand lifecycleStage email
      interests(first: 3) { interest { name } weight }
      followerCount followingCount
      friends(first: 5) { totalCount nodes { id displayName followerCount } }
      purchases(first: 3) { nodes { at product { name } } }
    }
  }
}`;

async function main(): Promise<void> {
  const { config, logger, database } = await openBenchDatabase('bench-api', 7690);
  const { db } = database;
  const [count] = await db.query(ingestQueries.countUsers, {});
  if (Number(count?.users ?? 0) !== USERS) {
    await wipe(database);
    const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: USERS, seed: 11, now: new Date() });
    await loadSyntheticGraph(db, graph, config, logger);
  }
  const cursors = Array.from({ length: 200 }, (_, i) =>
    i === 0
      ? null
      : Buffer.from(`user:${JSON.stringify(`u${String(Math.floor((i / 200) * USERS)).padStart(String(USERS - 1).length, '0')}`)}`).toString('base64url'),
  );
  const rows: Record<string, string | number>[] = [];
  const measured: Record<string, { rps: number; p50: number }> = {};
  for (const batch of [true, false]) {
    const deps = createAppDeps(db, config, logger, { neo4jVersion: database.server.neo4jVersion, gds: database.server.gds }, { loaders: { batch } });
    const server = buildApiServer(deps);
    await server.start();
    let queries = 0;
    const stop = db.onQuery(() => (queries += 1));
    const latencies: number[] = [];
    const peak = trackPeakMemory();
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < REQUESTS) {
        const i = next++;
        const t0 = performance.now();
        const response = await server.executeOperation(
          { query: PAGE, variables: { after: cursors[i % cursors.length] } },
          { contextValue: createContext(deps, authForRole('admin'), randomUUID()) },
        );
        if (response.body.kind !== 'single' || response.body.singleResult.errors) throw new Error(JSON.stringify(response.body));
        latencies.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    stop();
    await server.stop();
    latencies.sort((a, b) => a - b);
    const label = batch ? 'DataLoader batching (product)' : 'no batching (naive baseline)';
    measured[label] = { rps: REQUESTS / seconds, p50: percentile(latencies, 0.5) };
    rows.push({
      mode: label,
      requests: REQUESTS,
      'req/s': (REQUESTS / seconds).toFixed(1),
      'p50 ms': percentile(latencies, 0.5).toFixed(1),
      'p95 ms': percentile(latencies, 0.95).toFixed(1),
      'p99 ms': percentile(latencies, 0.99).toFixed(1),
      'queries/req': (queries / REQUESTS).toFixed(1),
      'peak MB': peak(),
    });
  }
  const [product, naive] = Object.values(measured);
  process.stdout.write(
    `bench:api: page of 20 profiles, ${fmt(USERS)} users, concurrency ${CONCURRENCY}, Neo4j ${database.server.neo4jVersion}\n${table(rows)}\n`,
  );
  if (product && naive)
    process.stdout.write(
      `throughput ratio batched/naive = ${(product.rps / naive.rps).toFixed(1)}x, p50 ratio naive/batched = ${(naive.p50 / product.p50).toFixed(1)}x\n`,
    );
  await database.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:api failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
