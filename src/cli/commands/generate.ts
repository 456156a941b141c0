import path from 'node:path';
import type { Command } from 'commander';
import { loadSyntheticGraph } from '../../ingest/synthetic-graph.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../../ingest/generate.js';
import { GENERATOR_LOCALES, type GeneratorLocale } from '../../ingest/generate-locales.js';
import { trackPeakMemory } from '../../ingest/importer.js';
import { createProgress } from '../../lib/progress.js';
import { writeSyntheticCsv } from '../../ingest/synthetic-csv.js';
import { positiveInteger, withDatabase, type CliDeps } from '../session.js';

export function registerGenerateCommand(program: Command, deps: () => CliDeps): void {
  program
    .command('generate')
    .description('a deterministic synthetic profile graph: planted communities, heavy-tailed followers, KOLs, lifecycle spread')
    .requiredOption('--users <n>', 'number of users')
    .option('--seed <n>', 'random seed (same seed, same graph)', '42')
    .option('--mixing <mu>', 'fraction of follows that leave their community (0–1)', String(DEFAULT_GENERATE_OPTIONS.mixing))
    .option('--follows <n>', 'mean follows per user', String(DEFAULT_GENERATE_OPTIONS.meanFollows))
    .option('--community-size <n>', 'mean users per community', String(DEFAULT_GENERATE_OPTIONS.communitySize))
    .option('--activity <x>', "scales each user's purchases, views and ratings (1: ~7.4 events per user)", String(DEFAULT_GENERATE_OPTIONS.activity))
    .option('--now <iso>', 'the date the lifecycle is relative to (default: today)')
    .option('--locale <locale>', `names, places and interests: ${GENERATOR_LOCALES.join(' or ')} (the same graph in each)`, 'en-GB')
    .option('--out <dir>', 'write CSV files in the generic format (plus communities.csv ground truth)')
    .option('--load', 'write straight into the graph')
    .action(
      async (options: {
        users: string;
        seed: string;
        mixing: string;
        follows: string;
        communitySize: string;
        activity: string;
        now?: string;
        locale: string;
        out?: string;
        load?: boolean;
      }) => {
        if (!options.out && !options.load) throw new Error('say where the graph goes: --out <dir>, --load, or both');
        const mixing = Number(options.mixing);
        if (!(mixing >= 0 && mixing <= 1)) throw new Error(`--mixing must be between 0 and 1; got "${options.mixing}"`);
        const activity = Number(options.activity);
        if (!(activity > 0 && activity <= 10)) throw new Error(`--activity must be above 0 and at most 10; got "${options.activity}"`);
        const now = options.now ? new Date(options.now) : new Date();
        if (Number.isNaN(now.getTime())) throw new Error(`--now "${options.now}" is not a date`);
        if (!(GENERATOR_LOCALES as readonly string[]).includes(options.locale)) {
          throw new Error(`--locale must be ${GENERATOR_LOCALES.join(' or ')}; got "${options.locale}"`);
        }
        const graph = new SyntheticGraph({
          users: positiveInteger(options.users, '--users'),
          seed: Number.parseInt(options.seed, 10) || 0,
          mixing,
          meanFollows: positiveInteger(options.follows, '--follows'),
          communitySize: positiveInteger(options.communitySize, '--community-size'),
          activity,
          now,
          locale: options.locale as GeneratorLocale,
        });
        const { logger, config } = deps();
        const progress = createProgress(logger);
        const peak = trackPeakMemory();
        const started = Date.now();
        try {
          if (options.out) {
            const counts = await writeSyntheticCsv(graph, path.resolve(options.out), progress);
            process.stdout.write(
              `wrote ${path.resolve(options.out)}: ${Object.entries(counts)
                .map(([file, rows]) => `${file} ${rows}`)
                .join(', ')}\n`,
            );
          }
          if (options.load) {
            const counts = await withDatabase(deps(), (database) => loadSyntheticGraph(database.db, graph, config, logger, progress));
            process.stdout.write(
              `loaded: ${Object.entries(counts)
                .map(([what, rows]) => `${what} ${rows}`)
                .join(', ')}\n`,
            );
          }
        } finally {
          progress.stop();
        }
        process.stdout.write(
          `${graph.communityCount} planted communities, mixing ${mixing}; ${((Date.now() - started) / 1000).toFixed(1)}s, peak memory ${peak()} MB\n`,
        );
      },
    );
}
