import { inject } from 'vitest';
import type { TestNeo4j } from '../setup/neo4j.js';
import { workerSlot } from '../setup/workers.js';

/** This worker's Neo4j server (tests/setup/neo4j.ts starts one per worker). */
export function testServer(): TestNeo4j {
  const servers = inject('neo4jServers');
  const server = servers[workerSlot() - 1];
  if (server === undefined) throw new Error(`no test server for worker slot ${workerSlot()} (${servers.length} started)`);
  return server;
}
