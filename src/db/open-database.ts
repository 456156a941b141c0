import type { Config } from '../config.js';
import { cypher } from './cypher.js';
import { Db } from './db.js';
import { createDriver } from './driver.js';
import { migrate } from './migrate.js';
import type { Logger } from '../logger.js';

const componentsQuery = cypher<{ version: string; edition: string }, Record<string, never>>('system/components');
const gdsVersionQuery = cypher<{ version: string }, Record<string, never>>('system/gds-version');

export interface OpenDatabase {
  db: Db;
  server: { neo4jVersion: string; gds: boolean; gdsVersion: string | null };
  /** Closes the driver, and stops the local Neo4j if this process started it. */
  close: () => Promise<void>;
}

/** Start (if local) → connect → migrate → probe. Shared by the API, the CLI and benchmarks. */
export async function openDatabase(config: Config, logger: Logger, options: { keepLocalRunning?: boolean } = {}): Promise<OpenDatabase> {
  let startedHere = false;
  // The launcher is a development tool: loaded only when no NEO4J_URI names a server.
  const launcher = config.localNeo4j ? await import('../local-neo4j/server.js') : null;
  if (config.localNeo4j && launcher) {
    const local = await launcher.startLocalNeo4j(config.localNeo4j, config.neo4j.password, logger);
    startedHere = !local.alreadyRunning;
  }
  const driver = createDriver(config.neo4j, logger);
  try {
    await driver.verifyConnectivity({ database: config.neo4j.database });
  } catch (error) {
    await driver.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot reach Neo4j at ${config.neo4j.uri} (database "${config.neo4j.database}"): ${reason}`);
  }
  const db = new Db(driver, config.neo4j.database, logger);
  await migrate(db, logger);
  const [component] = await db.query(componentsQuery, {});
  let gdsVersion: string | null = null;
  try {
    gdsVersion = (await db.query(gdsVersionQuery, {}))[0]?.version ?? null;
  } catch {
    gdsVersion = null; // no plugin: the in-process analytics backend will serve
  }
  const server = { neo4jVersion: component?.version ?? 'unknown', gds: gdsVersion !== null, gdsVersion };
  logger.info({ uri: config.neo4j.uri, database: config.neo4j.database, ...server }, 'connected to Neo4j');
  return {
    db,
    server,
    close: async () => {
      await db.close();
      if (startedHere && launcher && config.localNeo4j && !options.keepLocalRunning) await launcher.stopLocalNeo4j(config.localNeo4j, logger);
    },
  };
}
