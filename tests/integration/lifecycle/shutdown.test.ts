/**
 * `npm start` as a user runs it, in a child process (no NODE_ENV=test short-cuts): it starts
 * its own local Neo4j, serves queries, a lookalike and an analytics job, and on SIGTERM to npm's
 * pid alone (what a supervisor sends) exits 0 within the deadline, having recorded the running
 * job as interrupted and stopped its Neo4j: the start script execs node, so no shell sits
 * between npm and the API to swallow the signal.
 */
import { killApiProcess, startApiProcess, waitForLog } from '../../helpers/child-process.js';
import { freePort } from '../../helpers/net.js';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { localNeo4jStatus } from '../../../src/local-neo4j/server.js';

const INSTANCE = 'shutdown-test';
const BOLT_PORT = '7697';

describe('npm start, then SIGTERM', () => {
  it('finishes requests, records the running job as interrupted, stops its Neo4j and exits 0 within 15 s', async () => {
    const port = await freePort();
    const { child, log, exited, url } = await startApiProcess({ instance: INSTANCE, boltPort: BOLT_PORT, port, demoUsers: 1500 });
    try {
      await waitForLog(child, /GraphQL ready at/, log, 180_000);
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
      killApiProcess(child);
    }
  }, 240_000);
});
