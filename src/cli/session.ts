import { openDatabase, type OpenDatabase } from '../db/open-database.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

export interface CliDeps {
  config: Config;
  logger: Logger;
}

/**
 * Opens the database for one command and always closes the driver. A local Neo4j that the
 * command had to start is left running for the next command (`npm run db:stop` stops it):
 * restarting it for every command would cost half a minute each time.
 */
export async function withDatabase<T>(deps: CliDeps, work: (database: OpenDatabase) => Promise<T>): Promise<T> {
  const database = await openDatabase(deps.config, deps.logger, { keepLocalRunning: true });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

export function positiveInteger(value: string, name: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number <= 0) throw new Error(`${name} must be a positive integer; got "${value}"`);
  return number;
}
