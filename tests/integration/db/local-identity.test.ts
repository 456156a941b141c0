/**
 * A local instance only talks to a server started from its own folder: another Neo4j that
 * answers on its port with the same (default) password is refused, never reused or wiped.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { startLocalNeo4j } from '../../../src/local-neo4j/server.js';
import { createLogger } from '../../../src/logger.js';
import { testServer } from '../../helpers/test-server.js';

describe('local Neo4j identity', () => {
  const connection = testServer();
  const port = /^bolt:\/\/127\.0\.0\.1:(\d+)$/.exec(connection.uri)?.[1];

  // Only meaningful when the tests run on their own local instance (not TEST_NEO4J_URI).
  it.runIf(port !== undefined)("refuses a server on its port that runs from another instance's folder", async () => {
    const config = loadConfig({ NEO4J_LOCAL_INSTANCE: 'impostor-check', NEO4J_LOCAL_BOLT_PORT: port, NEO4J_PASSWORD: connection.password });
    const local = config.localNeo4j;
    if (!local) throw new Error('expected a local instance config');
    await expect(startLocalNeo4j(local, connection.password, createLogger('silent'))).rejects.toThrow(
      /Another Neo4j answers on bolt:\/\/127\.0\.0\.1:\d+ \(running from .*instances\/test(-\d+)?\), not the local instance "impostor-check"/,
    );
  });
});
