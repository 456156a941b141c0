/**
 * The `profile-graph` command as users run it: a separate process, against the test database.
 * The kill test SIGKILLs an import half-way and re-runs it: the graph must end exactly as a
 * clean import leaves it (nothing lost, nothing duplicated).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../../../src/ingest/generate.js';
import { createProgress } from '../../../src/lib/progress.js';
import { writeSyntheticCsv } from '../../../src/ingest/synthetic-csv.js';
import { createLogger } from '../../../src/logger.js';
import { resetGraph, useTestDatabase } from '../../helpers/test-db.js';
import { FIXTURES, graphCounts } from './helpers.js';
import { testServer } from '../../helpers/test-server.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const connection = testServer();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, NEO4J_URI: connection.uri, NEO4J_USERNAME: connection.username, NEO4J_PASSWORD: connection.password, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

describe('profile-graph CLI', () => {
  const t = useTestDatabase();

  /** Every relationship with its properties (minus import-time stamps), in a stable order. */
  const snapshot = async () =>
    (
      await t.cypher(`MATCH (a)-[r]->(b) WHERE NOT a:ImportRun
              RETURN a.id AS from, type(r) AS type, b.id AS to,
                     [k IN keys(r) WHERE k <> 'updatedAt' | [k, toString(r[k])]] AS props`)
    )
      .map((row) => JSON.stringify(row))
      .sort();

  it('an import killed half-way and run again ends exactly like a clean import', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pg-generated-'));
    const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: 1_000, seed: 5, now: new Date('2026-06-01T00:00:00Z') });
    await writeSyntheticCsv(graph, dir, createProgress(createLogger('silent'), { tty: false }));

    const clean = await cli(['import', 'csv', dir, '--batch-size', '500']).done;
    expect(clean.code, clean.stderr).toBe(0);
    const expectedCounts = await graphCounts(t);
    const expected = await snapshot();
    expect(expectedCounts.follows).toBeGreaterThan(10_000);

    await resetGraph(t.db);
    // A 10 s stale limit: the run beats every 2.5 s.
    const staleEnv = { IMPORT_RUN_STALE_SECONDS: '10' };
    const doomed = cli(['import', 'csv', dir, '--batch-size', '200'], staleEnv);
    // Kill it in the middle of follows.csv: users are in, follows are partly written.
    for (let waited = 0; waited < 120_000; waited += 50) {
      const counts = await graphCounts(t);
      if ((counts.follows ?? 0) > 3_000) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    doomed.child.kill('SIGKILL');
    const killed = await doomed.done;
    expect(killed.signal).toBe('SIGKILL');
    const partial = await graphCounts(t);
    expect(partial.follows).toBeGreaterThan(0);
    expect(partial.follows).toBeLessThan(expectedCounts.follows ?? 0);

    // The killed run stops beating; past the stale limit (10 s here) the next import marks it abandoned.
    const killedAt = Date.now();
    const running = await cli(['stats', '--json'], staleEnv).done;
    expect(JSON.parse(running.stdout).lastImport.status).toBe('running');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 11_000 - (Date.now() - killedAt))));
    const stale = await cli(['stats', '--json'], staleEnv).done;
    expect(JSON.parse(stale.stdout).lastImport.status).toBe('abandoned');
    const rerun = await cli(['import', 'csv', dir, '--batch-size', '500'], staleEnv).done;
    expect(rerun.code, rerun.stderr).toBe(0);
    const runs = await t.cypher<{ status: string; n: { toNumber(): number } }>('MATCH (r:ImportRun) RETURN r.status AS status, count(*) AS n ORDER BY status');
    expect(runs.map((run) => [run.status, run.n.toNumber()])).toEqual([
      ['abandoned', 1],
      ['succeeded', 1],
    ]);
    expect(await graphCounts(t)).toEqual(expectedCounts);
    expect(await snapshot()).toEqual(expected);
  }, 240_000);

  it('exits 3 when rows were rejected, with a summary on stdout and rejects on disk', async () => {
    const rejects = path.join(mkdtempSync(path.join(tmpdir(), 'pg-rejects-')), 'r.csv');
    const run = await cli(['import', 'csv', path.join(FIXTURES, 'csv'), '--rejects', rejects]).done;
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('16 rejected');
    expect(run.stdout).toContain(rejects);
  });

  it('exits 2 on usage errors and 1 with a clear message on failures', async () => {
    const usage = await cli(['import']).done;
    expect(usage.code).toBe(2);
    const reset = await cli(['reset']).done;
    expect(reset.code).toBe(1);
    expect(reset.stderr).toContain('without --yes');
    const badDir = await cli(['import', 'lastfm', '/nonexistent']).done;
    expect(badDir.code).toBe(1);
    expect(badDir.stderr).toContain('is not a directory');
    // The analytics argument rules are the API's (analytics/request.ts).
    const badResolution = await cli(['analytics', 'run', '--backend', 'gds', '--resolution', '0']).done;
    expect(badResolution.code, badResolution.stderr).toBe(2);
    expect(badResolution.stderr).toContain('resolution must be in (0, 10]');
    expect(await t.cypher('MATCH (j:AnalyticsJob) RETURN j')).toEqual([]);
  });

  it('stats reports counts and the last import; reset --yes empties the graph', async () => {
    await cli(['import', 'csv', path.join(FIXTURES, 'csv')]).done;
    const stats = await cli(['stats', '--json']).done;
    expect(stats.code, stats.stderr).toBe(0);
    const parsed = JSON.parse(stats.stdout) as Record<string, any>;
    expect(parsed).toMatchObject({ users: 3, products: 2, follows: 3, lastImport: { source: 'csv', status: 'succeeded', rejected: 16 } });
    expect((await cli(['reset', '--yes']).done).code).toBe(0);
    expect(await graphCounts(t)).toMatchObject({ users: 0, products: 0, follows: 0 });
  });
});
