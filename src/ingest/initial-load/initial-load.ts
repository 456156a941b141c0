/**
 * `profile-graph import … --initial`: the first load of an empty database through
 * `neo4j-admin database import full`, which writes store files directly (no transactions, no
 * MERGE) and so loads millions of rows a second where online upserts manage tens of
 * thousands. The importers and their parsers, rejects and progress are the normal ones; only
 * where their upserts land changes (staging-db.ts). On the project's local server the tool is
 * run here (stop, import, start, schema, then the rest of the import online); for any other
 * server the files and the command are handed over, since the tool must run where the
 * database's files are.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.js';
import { cypher } from '../../db/cypher.js';
import type { Db } from '../../db/db.js';
import { migrate } from '../../db/migrate.js';
import { toSafeNumber } from '../../db/values.js';
import type { Logger } from '../../logger.js';
import type { Integer } from 'neo4j-driver';
import { AdminImportFiles, type AdminImportArguments } from './admin-files.js';
import { StagingDb, type LoadFiles } from './staging-db.js';

const countNodesQuery = cypher<{ nodes: Integer }, Record<string, never>>('ingest/count-nodes');

/** What the initial load did, for the import summary. */
export interface InitialLoadReport {
  /** `loaded`: the tool ran here; `files`: the files and the command were handed over (another server). */
  mode: 'loaded' | 'files';
  dir: string;
  files: number;
  /** Rows written to the files, and rows kept to be applied online after the load (keys seen in an earlier batch). */
  stagedRows: number;
  deferredRows: number;
  /** Events applied in memory and written by the tool (staged-events.ts); the others were recorded online after the load. */
  stagedEvents: number;
  /** From the files' completion to the server answering with the loaded graph (stop, tool, start). */
  toolSeconds: number;
  /** The command to run on the server (mode `files`). */
  command: string | null;
}

/** Thrown at the load barrier for a server this process cannot run the tool on: the files are ready. */
export class InitialLoadHandOver extends Error {
  constructor(
    readonly dir: string,
    readonly command: string,
    readonly files: number,
  ) {
    super(`the initial-load files are in ${dir}; run the import tool where the database's files are:\n  ${command}`);
  }
}

/** --initial overwrites the database: it refuses one that holds anything at all. */
export async function assertEmptyDatabase(db: Db, config: Config): Promise<void> {
  const [row] = await db.query(countNodesQuery, {});
  const nodes = row ? toSafeNumber(row.nodes) : 0;
  if (nodes > 0) {
    throw new Error(
      `--initial loads an empty database, and ${config.neo4j.uri} (database "${config.neo4j.database}") holds ${nodes} nodes. ` +
        'Import without --initial (it updates what is there), or empty the database first (profile-graph reset --yes).',
    );
  }
}

/** `neo4j-admin database import full` arguments after `import full` for these files. */
export function toolArguments(database: string, files: AdminImportArguments, dir: string): string[] {
  return [
    database,
    '--overwrite-destination=true',
    // Every row was validated and deduplicated here: any bad entry is a bug, not data to skip.
    '--bad-tolerance=0',
    `--report-file=${path.join(dir, 'import.report')}`,
    ...(files.multilineFields ? ['--multiline-fields=true'] : []),
    ...files.files,
  ];
}

export interface InitialLoad {
  db: StagingDb;
  report(): InitialLoadReport;
}

/**
 * The staging database for one initial import. `afterLoad` runs once the loaded graph answers
 * and the schema is applied (the import run's own bookkeeping starts there).
 */
export function createInitialLoad(
  realDb: Db,
  config: Config,
  logger: Logger,
  options: { runId: string; dir?: string; afterLoad: () => Promise<void> },
): InitialLoad {
  const local = config.localNeo4j;
  const dir = path.resolve(options.dir ?? (local ? path.join(local.dir, 'initial-load', options.runId) : path.join('initial-load', options.runId)));
  mkdirSync(dir, { recursive: true });
  const files = new AdminImportFiles(dir);
  let fileCount = 0;
  let command: string | null = null;
  let toolSeconds = 0;

  const loadFiles: LoadFiles = async (ready) => {
    fileCount = ready.files.length;
    const args = toolArguments(config.neo4j.database, ready, dir);
    if (!local) {
      command = ['neo4j-admin database import full', ...args].join(' ');
      throw new InitialLoadHandOver(dir, command, fileCount);
    }
    const started = Date.now();
    const launcher = await import('../../local-neo4j/server.js');
    logger.warn(
      { instance: local.instance },
      'initial load: stopping the local Neo4j for the import tool (other connected processes lose it until it is back)',
    );
    await launcher.stopLocalNeo4j(local, logger);
    const result = await launcher.adminImportLocal(local, args, logger);
    logger.info({ seconds: result.seconds, summary: result.output.split('\n').slice(-12).join('\n') }, 'initial load: import tool finished');
    await launcher.startLocalNeo4j(local, config.neo4j.password, logger);
    await realDb.driver.verifyConnectivity({ database: config.neo4j.database });
    toolSeconds = (Date.now() - started) / 1000;
  };

  const db = new StagingDb(
    realDb.driver,
    realDb.database,
    logger,
    files,
    loadFiles,
    async (direct) => {
      await migrate(direct, logger);
      await options.afterLoad();
    },
    local !== null,
  );
  return {
    db,
    report: () => ({
      mode: local ? 'loaded' : 'files',
      dir,
      files: fileCount,
      stagedRows: db.figures.stagedRows,
      deferredRows: db.figures.deferredRows,
      stagedEvents: db.figures.stagedEvents,
      toolSeconds,
      command,
    }),
  };
}
