/**
 * vitest globalSetup: reach NEO4J_URI, or start the project's own Neo4j as a separate "test"
 * instance (its own data folder and port 7688, so tests never wipe the dev database), apply
 * the schema, and hand the connection to test files through provide()/inject().
 *
 * WARNING: with NEO4J_URI set, the tests delete every node in that database.
 */
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/open-database.js';
import { loadConfig } from '../../src/config.js';
import { stopLocalKafka } from '../../src/local-kafka/server.js';
import { createLogger } from '../../src/logger.js';
import { testKafkaConfig } from '../helpers/kafka.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: { uri: string; username: string; password: string; database: string; gds: boolean; neo4jVersion: string };
  }
}

/**
 * The test environment: the user's, with the database pinned to the tests' own local instance
 * ("test", port 7688), whatever NEO4J_* the shell exports: tests wipe their database, so they
 * never use one they did not create. TEST_NEO4J_URI (with TEST_NEO4J_USERNAME/PASSWORD) opts
 * in to an external server that may be wiped; TEST_NEO4J_LOCAL_BOLT_PORT moves the instance.
 */
export function testEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    NEO4J_LOCAL_HEAP: '1g',
    NEO4J_LOCAL_PAGECACHE: '512m',
    LOG_LEVEL: 'warn',
    ...process.env,
    NEO4J_LOCAL_INSTANCE: 'test',
    NEO4J_LOCAL_BOLT_PORT: process.env['TEST_NEO4J_LOCAL_BOLT_PORT'] ?? '7688',
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
  const config = loadConfig(testEnv());
  const logger = createLogger(config.log.level, 'test-setup');
  const started = Date.now();
  const database = await openDatabase(config, logger);
  process.stderr.write(
    `[tests] Neo4j ${database.server.neo4jVersion}${database.server.gds ? ` + GDS ${database.server.gdsVersion}` : ''} at ${config.neo4j.uri}, ready in ${((Date.now() - started) / 1000).toFixed(1)}s\n`,
  );
  project.provide('neo4j', { ...config.neo4j, gds: database.server.gds, neo4jVersion: database.server.neo4jVersion });
  return async () => {
    await database.close(); // stops the local test instance only if this run started it
    // The broker the stream tests started, if any (a no-op when none runs).
    await stopLocalKafka(testKafkaConfig(), logger);
  };
}
