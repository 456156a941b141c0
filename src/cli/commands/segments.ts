import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { Option } from 'commander';
import { createProgress, type ProgressTask } from '../../lib/progress.js';
import { EXPORT_TARGETS, exportSegment, type ExportTarget } from '../../segments/export.js';
import { withDatabase, type CliDeps } from '../session.js';

export function registerSegmentsCommands(program: Command, deps: () => CliDeps): void {
  const segments = program.command('segments').description('saved audiences (saveLookalikeSegment)');
  segments
    .command('export <segmentId>')
    .description('write a saved segment as CSV for an ad platform: SHA-256 of normalised email and phone (no raw PII), or user ids')
    .addOption(
      new Option('--target <target>', 'google | meta: hashed identifiers normalised for that platform; ids: user ids')
        .choices(EXPORT_TARGETS)
        .default('google'),
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (segmentId: string, options: { target: ExportTarget; out?: string }) => {
      const { logger } = deps();
      const out = options.out ? createWriteStream(options.out) : process.stdout;
      const write = async (line: string) => {
        if (!out.write(`${line}\n`)) await once(out, 'drain');
      };
      const progress = createProgress(logger, { activity: 'exporting' });
      const bar: { task?: ProgressTask } = {};
      const report = await withDatabase(deps(), (database) =>
        exportSegment(database.db, segmentId, options.target, write, (read, size) => {
          bar.task ??= progress.start(`segment ${segmentId}`, size);
          bar.task.update(read, read);
        }),
      );
      bar.task?.finish(report.written);
      progress.stop();
      if (options.out) {
        out.end();
        await once(out, 'finish');
      }
      process.stderr.write(
        `exported ${report.written.toLocaleString('en-US')} members (${options.target}); left out: ${report.withoutConsent.toLocaleString('en-US')} without profiling or marketing consent, ${report.withoutIdentifier.toLocaleString('en-US')} without email or phone\n`,
      );
    });
}
