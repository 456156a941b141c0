/**
 * npm run bench:dashboard — the dashboard's first load and its bundle, on the demo graph.
 *
 * Bundle: the built files of dist/web (npm run build:web first, done here), raw and gzip, split
 * into what the overview's first load fetches (index.html, the entry script and stylesheet)
 * and what loads later, on demand (charts, graph layout). Goal: ≤ 500 kB gzip in all.
 *
 * First load: a fresh browser context (empty cache) opens /#/overview and waits until the
 * counts are on screen, BENCH_DASHBOARD_RUNS times (default 20) after one warm-up, in Debian's
 * Chromium; beside it, the same overview query sent straight to /graphql (the API's share of
 * the load), and the ratio. Goal: first load ≤ 1 s. The API runs in this process on instance
 * bench-dashboard (port 7706) with the 400-user demo graph.
 */
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { buildApiServer, listenApi } from '../src/api.js';
import { PROJECT_ROOT } from '../src/config.js';
import { createAppDeps } from '../src/deps.js';
import { ingestQueries } from '../src/ingest/queries.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../src/ingest/generate.js';
import { loadSyntheticGraph } from '../src/ingest/synthetic-graph.js';
import { toSafeNumber } from '../src/db/values.js';
import { launchChromium } from '../tests/helpers/browser.js';
import { freePort } from '../tests/helpers/net.js';
import { fmt, openBenchDatabase, percentile, table, wipe } from './common.js';

const RUNS = Math.max(1, Number.parseInt(process.env['BENCH_DASHBOARD_RUNS'] ?? '20', 10) || 20);
const WEB_ROOT = path.join(PROJECT_ROOT, 'dist', 'web');
const OVERVIEW_QUERY = `{ overview { users products interests communities follows purchases views ratings lastActivityAt lastImport { source status startedAt finishedAt rows } }
  analyticsJobs(first: 5) { id kinds backend status progress phase createdAt finishedAt error } health { neo4jVersion gds } }`;

function bundle(): Record<string, string>[] {
  const files = readdirSync(path.join(WEB_ROOT, 'assets')).map((name) => path.join('assets', name));
  const html = readFileSync(path.join(WEB_ROOT, 'index.html'), 'utf8');
  const initial = new Set(['index.html', ...files.filter((file) => html.includes(file))]);
  const sizes = ['index.html', ...files].map((file) => {
    const bytes = readFileSync(path.join(WEB_ROOT, file));
    return { file, raw: statSync(path.join(WEB_ROOT, file)).size, gzip: gzipSync(bytes).length, initial: initial.has(file) };
  });
  const kb = (n: number) => (n / 1024).toFixed(1);
  const sum = (rows: typeof sizes, key: 'raw' | 'gzip') => rows.reduce((total, row) => total + row[key], 0);
  const first = sizes.filter((row) => row.initial);
  return [
    ...sizes.map((row) => ({ file: row.file, loaded: row.initial ? 'first load' : 'on demand', 'raw kB': kb(row.raw), 'gzip kB': kb(row.gzip) })),
    { file: 'first load', loaded: '', 'raw kB': kb(sum(first, 'raw')), 'gzip kB': kb(sum(first, 'gzip')) },
    { file: 'all (goal ≤ 500 kB gzip)', loaded: '', 'raw kB': kb(sum(sizes, 'raw')), 'gzip kB': kb(sum(sizes, 'gzip')) },
  ];
}

async function main(): Promise<void> {
  await build({ configFile: path.join(PROJECT_ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
  process.stdout.write(`dashboard bundle (dist/web):\n${table(bundle())}\n\n`);

  const port = await freePort();
  // No API keys: like npm start on a laptop (the key check costs microseconds either way).
  const { database, logger, config } = await openBenchDatabase('bench-dashboard', 7706, { PORT: String(port), API_KEYS: '', ALLOW_NO_API_KEYS: 'true' });
  const [count] = await database.db.query(ingestQueries.countUsers, {});
  if (toSafeNumber(count?.users ?? 0) !== 400) {
    await wipe(database);
    await loadSyntheticGraph(database.db, new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: 400, seed: 42, now: new Date() }), config, logger);
  }
  const deps = createAppDeps(database.db, config, logger, { neo4jVersion: database.server.neo4jVersion, gds: database.server.gds });
  const server = buildApiServer(deps);
  const front = await listenApi(server, deps);
  const base = front.url.replace(/\/graphql$/, '/');
  const browser = await launchChromium();
  try {
    const pageLoads: number[] = [];
    const apiCalls: number[] = [];
    for (let run = 0; run <= RUNS; run += 1) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${base}#/overview`);
      await page.getByTestId('counts').waitFor();
      const loaded = performance.now() - started;
      await context.close();
      const callStarted = performance.now();
      const response = await fetch(front.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: OVERVIEW_QUERY }),
      });
      await response.json();
      const called = performance.now() - callStarted;
      if (run > 0) {
        pageLoads.push(loaded);
        apiCalls.push(called);
      }
    }
    pageLoads.sort((a, b) => a - b);
    apiCalls.sort((a, b) => a - b);
    const row = (what: string, values: number[]) => ({
      what,
      'p50 ms': fmt(percentile(values, 0.5)),
      'p95 ms': fmt(percentile(values, 0.95)),
      'min–max ms': `${fmt(values[0] ?? NaN)}–${fmt(values[values.length - 1] ?? NaN)}`,
    });
    process.stdout.write(
      `overview first load, fresh context each (${RUNS} runs after a warm-up, 400-user demo graph):\n${table([
        row('page: navigation → counts on screen (goal ≤ 1,000 ms)', pageLoads),
        row('the overview query alone, straight to /graphql', apiCalls),
      ])}\npage / query (p50): ${(percentile(pageLoads, 0.5) / percentile(apiCalls, 0.5)).toFixed(1)}×; peak RSS of this process ${fmt(process.resourceUsage().maxRSS / 1024)} MB\n`,
    );
  } finally {
    await browser.close();
    await front.close(1_000);
    await server.stop();
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:dashboard failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
