/**
 * npm run bench:peer — frontend pages served by profile-graph, by the Neo4j GraphQL Library
 * (@neo4j/graphql 7, bench/peer-server.ts) and by one hand-written Cypher statement per page
 * over Bolt (the floor), on the same Neo4j and the same generated graph, over real HTTP.
 * Per page and concurrency: requests/s, p50, p99, Cypher statements per request, and the
 * ratios to the peer and to the floor. Both servers run as separate processes, as deployed.
 *
 * Own local instance "bench-peer" (port 7696), loaded with a 20,000-user graph (seed 7) and one
 * INFLUENCE + COMMUNITIES run when it does not hold them. Every case is measured after a
 * warm-up of its own (JIT, plan caches, page cache: the first seconds of a cold server run at
 * a fraction of its speed, for both servers), and each server first serves every page for the
 * same warm-up at 16 connections, so the first case is not measured on a server that has just
 * started (it was: the first page ran at 0.31× the floor at 16 connections and 0.84× at 64).
 * Switches: BENCH_PEER_SECONDS (per case, default 10), BENCH_PEER_WARMUP (seconds, default 3),
 * BENCH_PEER_CONCURRENCY (default 1,16,64), BENCH_PEER_PAGES (comma list of page-name prefixes), BENCH_PEER_RUNTIME (`compiled`, the
 * default: `node dist/main.js` as the Dockerfile runs it; `tsx`: as `npm start` runs it).
 * Then the CPU per request of the profile page by stage of serving (parse, validate, cost,
 * execute, driver, serialise, logging, …) from a CPU profile of the same server under load
 * (BENCH_PEER_CPU=0 skips it).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { freePort } from '../tests/helpers/net.js';
import path from 'node:path';
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { PROJECT_ROOT } from '../src/config.js';
import { createAppDeps } from '../src/deps.js';
import { createContext } from '../src/context.js';
import { authForRole } from '../src/graphql/auth.js';
import { buildApiServer } from '../src/api.js';
import { loadSyntheticGraph } from '../src/ingest/synthetic-graph.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../src/ingest/generate.js';
import { ingestQueries } from '../src/ingest/queries.js';
import type { Driver } from 'neo4j-driver';
import { analyticsQueries } from '../src/analytics/queries.js';
import type { AppDeps } from '../src/deps.js';
import { INFLUENCE_SLOTS, type InfluenceSlot } from '../src/influence/queries.js';
import type { Logger } from '../src/logger.js';
import { openBenchDatabase, percentile, PROFILE_PAGE_QUERY, table, wipe } from './common.js';
import { breakdownRows, cpuByStage } from './cpu-breakdown.js';

const USERS = 20_000;
const SECONDS = Number(process.env['BENCH_PEER_SECONDS'] ?? 10);
const RUNTIME = process.env['BENCH_PEER_RUNTIME'] === 'tsx' ? 'tsx' : 'compiled';
const WARMUP = Number(process.env['BENCH_PEER_WARMUP'] ?? 3);
const CONCURRENCY = (process.env['BENCH_PEER_CONCURRENCY'] ?? '1,16,64').split(',').map(Number);
/** BENCH_PEER_CPU=0 skips the profiled run behind the CPU breakdown. */
const CPU_PROFILE = process.env['BENCH_PEER_CPU'] !== '0';
const floor = (name: string) => readFileSync(path.join(PROJECT_ROOT, 'bench', 'floor', `${name}.cypher`), 'utf8');

interface Page {
  name: string;
  project: string;
  peer: string;
  floor: string;
  /** Ids the page is requested for, in turn (null: the page takes no id). */
  ids: string[] | null;
  /** Parameters the floor statement needs besides the id. */
  floorParams?: Record<string, unknown>;
}

/** Starts a TypeScript entry point under tsx, or a compiled one (`.js`) under plain node. */
function startServer(script: string, env: NodeJS.ProcessEnv, nodeFlags: string[] = []): ChildProcess {
  const args = [...nodeFlags, ...(script.endsWith('.js') ? [script] : [path.join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), script])];
  return spawn(process.execPath, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer`);
}

/** `seconds` 0: the warm-up alone, nothing measured. */
async function overHttp(url: string, query: string, ids: string[] | null, connections: number, seconds = SECONDS) {
  let i = 0;
  const variables = () => (ids ? { id: ids[i++ % ids.length] } : {});
  const check = (await (
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: variables() }) })
  ).json()) as { errors?: unknown };
  if (check.errors) throw new Error(`${url}: ${JSON.stringify(check.errors).slice(0, 400)}`);
  const run = (duration: number) =>
    autocannon({
      url,
      method: 'POST',
      connections,
      duration,
      headers: { 'content-type': 'application/json' },
      requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ query, variables: variables() }) }) }],
    });
  const warm = WARMUP > 0 ? (await run(WARMUP)).requests.total : 0;
  if (seconds === 0) return { rps: 0, p50: 0, p99: 0, errors: 0, served: 1 + warm };
  const result = await run(seconds);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    /** Every request the server answered, the check and the warm-up included. */
    served: 1 + warm + result.requests.total,
  };
}

/** The floor: the page's one hand-written statement over Bolt, `connections` at a time. */
async function overBolt(driver: Driver, database: string, page: Page, connections: number) {
  let next = 0;
  const timed = async (seconds: number) => {
    const latencies: number[] = [];
    const end = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (Date.now() < end) {
          const id = page.ids ? page.ids[next++ % page.ids.length] : undefined;
          const sent = performance.now();
          await driver.executeQuery(page.floor, { ...page.floorParams, ...(id ? { id } : {}) }, { routing: 'READ', database });
          latencies.push(performance.now() - sent);
        }
      }),
    );
    return latencies.sort((a, b) => a - b);
  };
  if (WARMUP > 0) await timed(WARMUP);
  const latencies = await timed(SECONDS);
  return { rps: latencies.length / SECONDS, p99: percentile(latencies, 0.99) };
}

/** The analytics the community page shows: one INFLUENCE + COMMUNITIES run, when none is published. */
async function ensureAnalytics(deps: AppDeps, logger: Logger): Promise<{ slot: (typeof INFLUENCE_SLOTS)[InfluenceSlot]; jobId: string }> {
  const current = async () => (await deps.db.query(analyticsQueries.currentResults, {}))[0];
  let row = await current();
  if (!row?.influenceJobId || !row.influenceSlot || !row.communityJobId) {
    const backend = deps.analytics.backend(null);
    if (typeof backend !== 'string') throw new Error(backend.unavailable);
    logger.warn({ backend }, 'bench:peer: running INFLUENCE + COMMUNITIES once for the community page');
    const finished = await (await deps.analytics.start(['INFLUENCE', 'COMMUNITIES'], backend, 7)).done;
    if (finished.status !== 'SUCCEEDED') throw new Error(`analytics job ${finished.id} ended ${finished.status}: ${finished.error ?? ''}`);
    row = await current();
  }
  if (!row?.influenceJobId || !row.influenceSlot) throw new Error('no published influence run');
  return { slot: INFLUENCE_SLOTS[row.influenceSlot as InfluenceSlot], jobId: row.influenceJobId };
}

async function main(): Promise<void> {
  const { config, logger, database } = await openBenchDatabase('bench-peer', 7696);
  const { db } = database;
  const [count] = await db.query(ingestQueries.countUsers, {});
  if (Number(count?.users ?? 0) !== USERS) {
    await wipe(database);
    await loadSyntheticGraph(db, new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: USERS, seed: 7, now: new Date() }), config, logger);
  }
  const driver = db.driver;
  const pick = async (text: string) =>
    (await driver.executeQuery(text, {}, { database: config.neo4j.database })).records.map((record) => String(record.get(0)));
  const randomIds = await pick('MATCH (u:User) WITH u ORDER BY rand() LIMIT 500 RETURN u.id');
  const kolIds = await pick('MATCH (u:User) RETURN u.id ORDER BY COUNT { (u)<-[:FOLLOWS]-() } DESC LIMIT 100');
  const productIds = await pick('MATCH (p:Product) WHERE EXISTS { (p)<-[:PURCHASED]-() } WITH p ORDER BY rand() LIMIT 200 RETURN p.id');
  const deps = createAppDeps(db, config, logger, { neo4jVersion: database.server.neo4jVersion, gds: database.server.gds });
  const influence = await ensureAnalytics(deps, logger);
  const communityIds = (
    await driver.executeQuery(
      'MATCH (s:AnalyticsState) MATCH (c:Community {jobId: s.communityJobId}) RETURN c.id ORDER BY c.size DESC LIMIT 50',
      {},
      { database: config.neo4j.database },
    )
  ).records.map((record) => String(record.get(0)));
  const score = influence.slot.score;

  const PROJECT_PROFILE = PROFILE_PAGE_QUERY;
  const PEER_PROFILE = `query($id: ID!){ users(where:{id:{eq:$id}}){ id displayName region
    interestsConnection(first:5, sort:[{edge:{weight:DESC}}]){ edges { properties { weight } node { name } } }
    fc: followersConnection { totalCount } gc: followingConnection { totalCount }
    followersConnection(first:10, sort:[{node:{id:ASC}}]){ totalCount edges { node { id displayName followersConnection { totalCount } } } }
    purchasedConnection(first:5){ edges { node { name } } } } }`;
  const pages: Page[] = [
    { name: 'profile (random users)', project: PROJECT_PROFILE, peer: PEER_PROFILE, floor: floor('profile'), ids: randomIds },
    { name: 'profile (top-100 KOLs)', project: PROJECT_PROFILE, peer: PEER_PROFILE, floor: floor('profile'), ids: kolIds },
    {
      name: 'users page of 20',
      project: `{ users(first:20){ nodes { id displayName followerCount interests(first:3){ weight interest{ name } } } } }`,
      peer: `{ usersConnection(first:20, sort:[{id:ASC}]){ edges { node { id displayName
        followersConnection { totalCount } interestsConnection(first:3, sort:[{edge:{weight:DESC}}]){ edges { properties { weight } node { name } } } } } } }`,
      floor: floor('users-page'),
      ids: null,
    },
    {
      name: 'product page with buyers',
      project: `query($id: ID!){ product(id:$id){ id name category price interests { interest { name } }
        buyers(first:10){ totalCount nodes { id displayName followerCount } } } }`,
      peer: `query($id: ID!){ products(where:{id:{eq:$id}}){ id name category price interests { name }
        buyersConnection(first:10, sort:[{node:{id:ASC}}]){ totalCount edges { node { id displayName followersConnection { totalCount } } } } } }`,
      floor: floor('product-page'),
      ids: productIds,
    },
    {
      name: 'community page',
      project: `query($id: ID!){ community(id:$id){ id size
        members(first:10){ totalCount nodes { id displayName followerCount } }
        keyOpinionLeaders(first:5){ score user { id displayName } }
        topInterests(first:5){ interest { name } members } } }`,
      peer: `query($id: ID!){ communities(where:{id:{eq:$id}}){ id size
        membersConnection(first:10, where:{node:{consentProfiling:{eq:true}}}, sort:[{node:{id:ASC}}]){ totalCount edges { node { id displayName followersConnection { totalCount } } } }
        kols: membersConnection(first:5, where:{node:{consentProfiling:{eq:true}}}, sort:[{node:{${score}:DESC}}]){ edges { node { id displayName ${score} } } }
        topInterests(first:5){ name members } } }`,
      floor: floor('community-page'),
      ids: communityIds,
      floorParams: { scoreKey: score, jobKey: influence.slot.job, jobId: influence.jobId },
    },
  ].filter((page) => !process.env['BENCH_PEER_PAGES'] || process.env['BENCH_PEER_PAGES'].split(',').some((name) => page.name.startsWith(name.trim())));

  // Statements per request for profile-graph: the same server code in-process, counting.
  const inProcess = buildApiServer(deps);
  await inProcess.start();
  const statements = new Map<string, number>();
  for (const page of pages) {
    let n = 0;
    const stop = db.onQuery(() => (n += 1));
    await inProcess.executeOperation(
      { query: page.project, variables: page.ids ? { id: page.ids[0] } : {} },
      { contextValue: createContext(deps, authForRole('admin'), randomUUID()) },
    );
    stop();
    statements.set(page.name, n);
  }
  await inProcess.stop();

  const [projectPort, peerPort] = [await freePort(), await freePort()];
  const neo4jEnv = { NEO4J_URI: config.neo4j.uri, NEO4J_PASSWORD: config.neo4j.password, NEO4J_USERNAME: config.neo4j.username };
  // As deployed (the Dockerfile's `node dist/main.js`), unless BENCH_PEER_RUNTIME=tsx (`npm start`).
  const entry = RUNTIME === 'tsx' ? 'src/main.ts' : 'dist/main.js';
  if (RUNTIME !== 'tsx')
    execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
      cwd: PROJECT_ROOT,
      stdio: 'inherit',
    });
  // No API keys, like the peer (which has no auth): the bench is on loopback and measures serving, not key lookup.
  const projectEnv = (port: number) => ({
    ...neo4jEnv,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    DEMO_SEED: 'false',
    NODE_ENV: 'production',
    API_KEYS: '',
    ALLOW_NO_API_KEYS: 'true',
  });
  const project = startServer(entry, projectEnv(projectPort));
  const peer = startServer('bench/peer-server.ts', { ...neo4jEnv, PORT: String(peerPort) });
  const projectUrl = `http://127.0.0.1:${projectPort}/graphql`;
  const peerUrl = `http://127.0.0.1:${peerPort}/`;
  try {
    await Promise.all([waitFor(projectUrl), waitFor(peerUrl)]);
    // Both servers just started: warm each on every page before the first case is measured.
    for (const page of pages) {
      await overHttp(projectUrl, page.project, page.ids, 16, 0);
      await overHttp(peerUrl, page.peer, page.ids, 16, 0);
    }
    const rows: Record<string, string | number>[] = [];
    for (const page of pages) {
      for (const connections of CONCURRENCY) {
        const ours = await overHttp(projectUrl, page.project, page.ids, connections);
        const theirs = await overHttp(peerUrl, page.peer, page.ids, connections);
        const floorRun = await overBolt(driver, config.neo4j.database, page, connections);
        const floorRps = floorRun.rps;
        rows.push({
          page: page.name,
          conc: connections,
          rps: ours.rps.toFixed(1),
          'peer rps': theirs.rps.toFixed(1),
          'rps ×peer': (ours.rps / theirs.rps).toFixed(2),
          'p50 ms': ours.p50.toFixed(1),
          'p99 ms': ours.p99.toFixed(1),
          'peer p99': theirs.p99.toFixed(1),
          'p99 ×peer': (ours.p99 / theirs.p99).toFixed(2),
          'stmts/req': statements.get(page.name) ?? '?',
          'floor rps': floorRps.toFixed(1),
          'rps ×floor': (ours.rps / floorRps).toFixed(2),
          'floor p99': floorRun.p99.toFixed(1),
          errors: `${ours.errors}/${theirs.errors}`,
        });
        process.stderr.write(`${page.name} @${connections}: ${ours.rps.toFixed(1)} vs ${theirs.rps.toFixed(1)} rps\n`);
      }
    }
    process.stdout.write(
      `\nbench:peer — ${USERS.toLocaleString('en-US')} users, ${SECONDS} s per case after ${WARMUP} s warm-up; profile-graph ${RUNTIME === 'tsx' ? 'under tsx' : 'compiled (node dist/main.js)'}; peer = @neo4j/graphql (1 statement per request by design), floor = one hand-written statement over Bolt\n\n`,
    );
    process.stdout.write(`${table(rows)}\n`);
  } finally {
    project.kill('SIGTERM');
    peer.kill('SIGTERM');
  }
  try {
    const profiled = pages.find((page) => page.name.startsWith('profile')) ?? pages[0];
    if (CPU_PROFILE && profiled) await cpuBreakdown(entry, projectEnv(await freePort()), profiled);
  } finally {
    await database.close();
  }
}

/**
 * Where the server's CPU goes per request on one page: a server of its own under
 * `node --cpu-prof` (the profiler slows it, so never the one the table measured), the page at
 * 16 connections, then the profile, written when the server exits, charged to the stages of
 * serving (bench/cpu-breakdown.ts) and divided by the requests it answered.
 */
async function cpuBreakdown(entry: string, env: NodeJS.ProcessEnv, page: Page): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-peer-cpu-'));
  const server = startServer(entry, env, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  const exited = new Promise((resolve) => server.once('exit', resolve));
  let served: number;
  try {
    const url = `http://127.0.0.1:${env['PORT']}/graphql`;
    await waitFor(url);
    served = (await overHttp(url, page.project, page.ids, 16)).served;
  } finally {
    server.kill('SIGTERM');
    await exited;
  }
  const [profile] = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  if (!profile) throw new Error(`the profiled server wrote no CPU profile into ${dir}`);
  process.stdout.write(
    `\nCPU per request, ${page.name} @16 (${served.toLocaleString('en-US')} requests with the warm-up; module loading and idle left out; ${path.join(dir, profile)}):\n\n`,
  );
  process.stdout.write(`${table(breakdownRows(cpuByStage(path.join(dir, profile)), served))}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:peer failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
