import type { Command } from 'commander';
import { IMPORT_SOURCES, runImport, type ImportSource, type ImportSummary } from '../../ingest/importer.js';
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
        `  ${step.file.padEnd(28)} ${column(step.rows, 10)} ${column(step.changes?.created, 10)} ${column(step.changes?.updated, 10)} ${column(step.changes?.unchanged, 10)} ${column(step.rejected, 9)} ${step.seconds.toFixed(1).padStart(8)}`,
    ),
    `  total: ${summary.rows} rows: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged` +
      `${summary.uncounted > 0 ? `, ${summary.uncounted} written by steps that do not count (–)` : ''}, ${summary.rejected} rejected in ${summary.seconds.toFixed(1)}s ` +
      `(${summary.rowsPerSecond} rows/s), peak memory ${summary.peakRssMb} MB`,
    summary.rejectsFile ? `  rejected rows (file, line, reason): ${summary.rejectsFile}` : '  no rejected rows',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
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
    .action(async (format: string, dir: string, options: { batchSize: string; rejects?: string; consent: boolean; json?: boolean }) => {
      if (!(format in IMPORT_SOURCES)) throw new Error(`unknown format "${format}": use ${Object.keys(IMPORT_SOURCES).join(', ')}`);
      const batchSize = positiveInteger(options.batchSize, '--batch-size');
      const summary = await withDatabase(deps(), (database) =>
        runImport(database.db, deps().config, deps().logger, {
          source: format as ImportSource,
          dir,
          batchSize,
          consent: options.consent,
          ...(options.rejects ? { rejectsPath: options.rejects } : {}),
        }),
      );
      if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else printSummary(summary);
      if (summary.rejected > 0) process.exitCode = EXIT_CODES.rejected;
    });
}
