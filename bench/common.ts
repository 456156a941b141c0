/**
 * Shared by the benchmark scripts: a dedicated local Neo4j instance ("bench", port 7689,
 * bigger memory) so benchmarks never wipe dev or test data, or NEO4J_URI when set. They wipe
 * only databases a benchmark created (wipe()).
 */
import { openDatabase, type OpenDatabase } from '../src/db/open-database.js';
import { loadConfig, type Config } from '../src/config.js';
import type { DateTime } from 'neo4j-driver';
import { cypher } from '../src/db/cypher.js';
import { toNeo4jDateTime } from '../src/db/values.js';
import { deleteAllData } from '../src/ingest/reset.js';
import { createLogger, type Logger } from '../src/logger.js';

/** `pinned` settings win over the environment (a benchmark about a 1g heap must get one). */
export async function openBenchDatabase(
  instance = 'bench',
  port = 7689,
  pinned: Record<string, string> = {},
): Promise<{ config: Config; logger: Logger; database: OpenDatabase }> {
  const config = loadConfig({
    NEO4J_LOCAL_INSTANCE: instance,
    NEO4J_LOCAL_BOLT_PORT: String(port),
    NEO4J_LOCAL_HEAP: '4g',
    NEO4J_LOCAL_PAGECACHE: '4g',
    LOG_LEVEL: 'warn',
    DEMO_SEED: 'false',
    ...process.env,
    ...pinned,
  });
  const logger = createLogger(config.log.level, 'bench');
  const database = await openDatabase(config, logger, { keepLocalRunning: true });
  return { config, logger, database };
}

const benchQueries = {
  ownership: cypher<{ marked: boolean; hasData: boolean }, Record<string, never>>('bench/ownership'),
  markOwned: cypher<{ id: string }, { now: DateTime }>('bench/mark-owned'),
};

/**
 * Deletes everything, but only in a database a benchmark created: empty, or carrying the
 * :ProfileGraphBench marker a previous wipe left. A database with other data (dev's, a
 * colleague's NEO4J_URI) is refused, whatever the shell exported.
 */
export async function wipe(database: OpenDatabase): Promise<void> {
  const [owned] = await database.db.query(benchQueries.ownership, {});
  if (owned?.hasData && !owned.marked) {
    throw new Error(
      'Refusing to wipe the benchmark database: it holds data no benchmark created (no :ProfileGraphBench marker). ' +
        'Run the benchmark on its own instance (unset NEO4J_URI / NEO4J_LOCAL_INSTANCE), or empty that database yourself first.',
    );
  }
  await deleteAllData(database.db);
  await database.db.mutate(benchQueries.markOwned, { now: toNeo4jDateTime(new Date()) });
}

/**
 * Empties a benchmark's own database completely, marker included, for `import --initial`
 * (which refuses a database holding anything); `markBenchOwned` puts the marker back after.
 */
export async function emptyForInitialLoad(database: OpenDatabase): Promise<void> {
  await wipe(database);
  await deleteAllData(database.db);
}

export async function markBenchOwned(database: OpenDatabase): Promise<void> {
  await database.db.mutate(benchQueries.markOwned, { now: toNeo4jDateTime(new Date()) });
}

export function table(rows: Record<string, string | number>[]): string {
  const columns = Object.keys(rows[0] ?? {});
  const width = (column: string) => Math.max(column.length, ...rows.map((row) => String(row[column]).length));
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(columns.map((column) => column.padEnd(width(column)))),
    line(columns.map((column) => '-'.repeat(width(column)))),
    ...rows.map((row) => line(columns.map((column) => String(row[column]).padEnd(width(column))))),
  ].join('\n');
}

export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** The p-quantile (0..1) of ascending-sorted samples, nearest rank below; NaN when there are none. */
export const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;

/** The profile page of issue 11 (profile, interests, counts, followers, purchases): what frontends ask most. */
export const PROFILE_PAGE_QUERY = `query($id: ID!){ user(id:$id){ id displayName region
    interests(first:5){ weight interest{ name } } followerCount followingCount
    followers(first:10){ totalCount nodes { id displayName followerCount } }
    purchases(first:5){ nodes { at product { name } } } } }`;
