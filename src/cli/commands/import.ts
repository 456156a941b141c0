import type { Command } from 'commander';
import { IMPORT_SOURCES, runImport, type ImportSource, type ImportSummary } from '../../ingest/importer.js';
import { encodingName } from '../../ingest/encoding.js';
import { DEFAULT_BATCH_SIZE } from '../../ingest/pipeline.js';
import { EXIT_CODES } from '../exit-codes.js';
import { positiveInteger, withDatabase, type CliDeps } from '../session.js';

const column = (value: number | null | undefined, width: number) => (value === null || value === undefined ? '–' : String(value)).padStart(width);

function printSummary(summary: ImportSummary): void {
  const lines = [
    `import ${summary.source} from ${summary.dir}`,
    `  ${'step'.padEnd(28)} ${'rows'.padStart(10)} ${'created'.padStart(10)} ${'updated'.padStart(10)} ${'unchanged'.padStart(10)} ${'rejected'.padStart(9)} ${'seconds'.padStart(8)}`,
    ...summary.steps.map(
      (step) =>
        `  ${step.file.padEnd(28)} ${column(step.rows, 10)} ${column(step.changes?.created, 10)} ${column(step.changes?.updated, 10)} ${column(step.changes?.unchanged, 10)} ${column(step.rejected, 9)} ${step.seconds.toFixed(1).padStart(8)}` +
        (step.encoding ? `  ${step.encoding}` : ''),
    ),
    `  total: ${summary.rows} rows: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged` +
      `${summary.uncounted > 0 ? `, ${summary.uncounted} written by steps that do not count (–)` : ''}, ${summary.rejected} rejected in ${summary.seconds.toFixed(1)}s ` +
      `(${summary.rowsPerSecond} rows/s), peak memory ${summary.peakRssMb} MB`,
    summary.rejectsFile ? `  rejected rows (file, line, reason): ${summary.rejectsFile}` : '  no rejected rows',
    ...initialLoadLines(summary),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function initialLoadLines(summary: ImportSummary): string[] {
  const load = summary.initialLoad;
  if (!load) return [];
  if (load.mode === 'files') {
    return [
      `initial load: ${load.stagedRows} rows in ${load.files} files under ${load.dir}.`,
      `  ${summary.dir} is not imported yet: this Neo4j is not the project's local server, so the import tool has to run where its database files are.`,
      '  1. Copy that folder to the server, stop the database there (or the whole server), and run (paths as on the server):',
      `       ${load.command ?? ''}`,
      `  2. Start it, then run this same import without --initial: it adds the schema, the rows with repeated keys and the events,`,
      '     and leaves what the tool loaded as it is (imports are idempotent).',
    ];
  }
  return [
    `  initial load: ${load.stagedRows} rows through neo4j-admin database import (${load.files} files; stop, import and start took ${load.toolSeconds.toFixed(1)}s), ` +
      `${load.deferredRows} rows with keys seen in an earlier batch applied online after it; ` +
      `${load.stagedEvents} events written by the tool (any others recorded online after it)`,
  ];
}

export function registerImportCommand(program: Command, deps: () => CliDeps): void {
  program
    .command('import')
    .description('import a data set into the graph (idempotent: safe to re-run, also after an interruption)')
    .argument('<format>', `one of ${Object.keys(IMPORT_SOURCES).join(', ')}`)
    .argument('<dir>', 'directory holding the files')
    .option('--batch-size <n>', 'rows per transaction', String(DEFAULT_BATCH_SIZE))
    .option('--rejects <file>', 'where rejected rows go (default: rejects/<format>-<time>.csv)')
    .option('--consent', 'grant profiling and marketing consent to imported users (for data collected with consent)', false)
    .option('--json', 'print the summary as JSON')
    .option('--initial', 'first load of an EMPTY database through neo4j-admin database import (much faster; refuses a database that holds anything)', false)
    .option('--initial-dir <dir>', "where --initial writes the import tool's files (default: the local instance's folder, or ./initial-load/<run id>)")
    .option(
      '--encoding <name>',
      'text encoding of the csv files, e.g. utf-8, gb18030 (also GBK); default: detected per file (a byte-order mark, else UTF-8 if valid, else GB18030)',
    )
    .action(
      async (
        format: string,
        dir: string,
        options: { batchSize: string; rejects?: string; consent: boolean; json?: boolean; initial: boolean; initialDir?: string; encoding?: string },
      ) => {
        if (!(format in IMPORT_SOURCES)) throw new Error(`unknown format "${format}": use ${Object.keys(IMPORT_SOURCES).join(', ')}`);
        // Last.fm and MovieLens come in their published encodings; the generic CSV is what people export.
        if (options.encoding !== undefined && format !== 'csv') throw new Error(`--encoding applies to csv files; ${format} is read in its published encoding`);
        if (options.encoding !== undefined) encodingName(options.encoding); // an unknown name fails before the database is touched
        const batchSize = positiveInteger(options.batchSize, '--batch-size');
        const summary = await withDatabase(deps(), (database) =>
          runImport(database.db, deps().config, deps().logger, {
            source: format as ImportSource,
            dir,
            batchSize,
            consent: options.consent,
            initial: options.initial,
            ...(options.initialDir ? { initialDir: options.initialDir } : {}),
            ...(options.encoding ? { encoding: options.encoding } : {}),
            ...(options.rejects ? { rejectsPath: options.rejects } : {}),
          }),
        );
        if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
        else printSummary(summary);
        if (summary.rejected > 0) process.exitCode = EXIT_CODES.rejected;
      },
    );
}
