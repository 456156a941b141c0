/**
 * `npm start` as a user runs it, in a child process (no NODE_ENV=test short-cuts): it starts
 * its own local Neo4j, serves queries, a lookalike and an analytics job, and on SIGTERM exits 0
 * within the deadline, having recorded the running job as interrupted and stopped its Neo4j.
 */
import { spawn } from 'node:child_process';
import { waitForLog } from '../../helpers/child-process.js';
import { freePort } from '../../helpers/net.js';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT } from '../../../src/config.js';
import { localNeo4jStatus } from '../../../src/db/local-neo4j.js';

const INSTANCE = 'shutdown-test';
const BOLT_PORT = '7697';

describe('npm start, then SIGTERM', () => {
  it('finishes requests, records the running job as interrupted, stops its Neo4j and exits 0 within 15 s', async () => {
    const port = await freePort();
    const env = {
      ...process.env,
      NODE_ENV: 'development',
      NEO4J_URI: '',
      NEO4J_LOCAL_INSTANCE: INSTANCE,
      NEO4J_LOCAL_BOLT_PORT: BOLT_PORT,
      NEO4J_LOCAL_HEAP: '512m',
      NEO4J_LOCAL_PAGECACHE: '256m',
      NEO4J_LOCAL_GDS: 'false',
      PORT: String(port),
      LOG_LEVEL: 'info',
      DEMO_USERS: '1500',
    };
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'src/main.ts'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const log: string[] = [];
    child.stderr.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitForLog(child, /GraphQL ready at/, log, 180_000);
      const url = `http://127.0.0.1:${port}/graphql`;
      const gql = async (query: string, variables: Record<string, unknown> = {}) => {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
        return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
      };
      const page = await gql('{ users(first: 30, filter: { consentProfiling: true }) { nodes { id displayName followerCount } } }');
      expect(page.errors).toBeUndefined();
      const seed = (page.data?.users.nodes as { id: string }[]).map((user) => user.id);
      const lookalike = await gql('query ($seed: [ID!]!) { lookalike(seed: { userIds: $seed }, size: 50) { size } }', { seed });
      expect(lookalike.errors).toBeUndefined();
      const job = await gql('mutation { runAnalytics(kinds: [INFLUENCE, COMMUNITIES], backend: INPROCESS) { id status } }');
      expect(job.data?.runAnalytics.status).toBe('RUNNING');

      const signalled = Date.now();
      child.kill('SIGTERM');
      const code = await exited;
      const seconds = (Date.now() - signalled) / 1000;
      expect(code, log.join('').slice(-3000)).toBe(0);
      expect(seconds).toBeLessThan(15);
      const output = log.join('');
      expect(output).toMatch(/analytics jobs recorded as interrupted/);
      expect(output).toMatch(/local Neo4j stopped/);
      const config = loadConfig({ NEO4J_LOCAL_INSTANCE: INSTANCE, NEO4J_LOCAL_BOLT_PORT: BOLT_PORT });
      expect((await localNeo4jStatus(config.localNeo4j!)).running).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 240_000);
});
