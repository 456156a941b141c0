/**
 * vitest globalSetup: reach TEST_NEO4J_URI, or start the project's own Neo4j servers as separate
 * "test" instances (their own data folders and ports from 7688, so tests never wipe the dev
 * database), apply the schema, and hand the connections to test files through provide().
 *
 * One server per vitest worker: integration files reset the whole graph, so two files may run
 * at once only on two servers (Community holds one user database per server). A worker finds
 * its server by its pool id (tests/helpers/test-server.ts); TEST_WORKERS picks how many.
 *
 * WARNING: with TEST_NEO4J_URI set, the tests delete every node in that database.
 */
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/open-database.js';
import { loadConfig } from '../../src/config.js';
import { stopLocalKafka } from '../../src/local-kafka/server.js';
import { createLogger } from '../../src/logger.js';
import { testKafkaConfig } from '../helpers/kafka.js';
import { testSlots, workerSlot } from './workers.js';

export interface TestNeo4j {
  uri: string;
  username: string;
  password: string;
  database: string;
  gds: boolean;
  neo4jVersion: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** One server per worker slot, slot 1 first. */
    neo4jServers: TestNeo4j[];
  }
}

/**
 * The test environment of one worker slot: the user's, with the database pinned to the tests'
 * own local instance ("test" on port 7688 for slot 1, "test-2" on 7689 for slot 2, …), whatever
 * NEO4J_* the shell exports: tests wipe their database, so they never use one they did not
 * create. TEST_NEO4J_URI (with TEST_NEO4J_USERNAME/PASSWORD) opts in to an external server that
 * may be wiped (and one worker); TEST_NEO4J_LOCAL_BOLT_PORT moves the first instance.
 */
export function testEnv(slot = workerSlot()): NodeJS.ProcessEnv {
  const firstPort = Number(process.env['TEST_NEO4J_LOCAL_BOLT_PORT'] ?? '7688');
  const env: NodeJS.ProcessEnv = {
    NEO4J_LOCAL_HEAP: '1g',
    NEO4J_LOCAL_PAGECACHE: '512m',
    LOG_LEVEL: 'warn',
    ...process.env,
    NEO4J_LOCAL_INSTANCE: slot === 1 ? 'test' : `test-${slot}`,
    NEO4J_LOCAL_BOLT_PORT: String(firstPort + slot - 1),
    NODE_ENV: 'test',
  };
  for (const name of ['NEO4J_URI', 'NEO4J_USERNAME', 'NEO4J_USER', 'NEO4J_PASSWORD', 'NEO4J_DATABASE']) {
    const explicit = process.env[`TEST_${name}`];
    if (explicit === undefined) delete env[name];
    else env[name] = explicit;
  }
  return env;
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const logger = createLogger(loadConfig(testEnv(1)).log.level, 'test-setup');
  const started = Date.now();
  // In parallel: the second JVM starts while the first one warms up.
  const opened = await Promise.all(
    testSlots().map(async (slot) => {
      const config = loadConfig(testEnv(slot));
      return { config, database: await openDatabase(config, logger) };
    }),
  );
  const first = opened[0];
  if (first === undefined) throw new Error('unreachable: no test slots');
  process.stderr.write(
    `[tests] ${opened.length} × Neo4j ${first.database.server.neo4jVersion}${first.database.server.gds ? ` + GDS ${first.database.server.gdsVersion}` : ''} at ${opened
      .map(({ config }) => config.neo4j.uri)
      .join(', ')}, ready in ${((Date.now() - started) / 1000).toFixed(1)}s\n`,
  );
  project.provide(
    'neo4jServers',
    opened.map(({ config, database }) => ({ ...config.neo4j, gds: database.server.gds, neo4jVersion: database.server.neo4jVersion })),
  );
  return async () => {
    // Each stops its local test instance only if this run started it.
    await Promise.all(opened.map(({ database }) => database.close()));
    // The brokers the stream tests started, if any (a no-op where none runs).
    await Promise.all(testSlots().map((slot) => stopLocalKafka(testKafkaConfig(slot), logger)));
  };
}
