import type { Command } from 'commander';
import type { AnalyticsBackendName, AnalyticsJob, AnalyticsKind } from '../../analytics/index.js';
import { createAppDeps } from '../../deps.js';
import { createProgress } from '../../lib/progress.js';
import { withDatabase, type CliDeps } from '../session.js';

const KINDS: Record<string, AnalyticsKind> = { influence: 'INFLUENCE', communities: 'COMMUNITIES', tags: 'TAGS', recommendations: 'RECOMMENDATIONS' };

function describe(job: AnalyticsJob): string {
  return [
    `job ${job.id}: ${job.status} on ${job.backend}`,
    // A TAGS-only job reads no follow graph: it has nothing to say here.
    ...(job.nodeCount === null ? [] : [`  analysed: ${job.nodeCount} users, ${job.relationshipCount ?? '?'} follows`]),
    ...(job.modularity === null
      ? []
      : [
          `  communities: ${job.communityCount}, modularity ${job.modularity.toFixed(4)} (${job.weighting?.toLowerCase().replace('_', '-') ?? ''} ties, detected ${job.communitiesBackend ?? job.backend})`,
        ]),
    ...(job.eventLogEntriesDeleted === null ? [] : [`  event log: ${job.eventLogEntriesDeleted} entries past their retention deleted`]),
    ...(job.sentimentModelsFitted === null
      ? []
      : [
          `  review sentiment: learned in ${job.sentimentModelsFitted} language${job.sentimentModelsFitted === 1 ? '' : 's'}, ${job.reviewsReadAgain ?? 0} reviews read again (the sentimentModels query says which and how well)`,
        ]),
    ...(job.timings.length ? [`  timings: ${job.timings.map((t) => `${t.phase} ${(t.ms / 1000).toFixed(1)}s`).join(', ')}`] : []),
    ...(job.note ? [`  note: ${job.note}`] : []),
    ...(job.error ? [`  error (${job.errorCode ?? 'INTERNAL'}): ${job.error}`] : []),
  ].join('\n');
}

/** `profile-graph analytics run|jobs`: the same engine as the runAnalytics mutation, with a progress bar. */
export function registerAnalyticsCommands(program: Command, deps: () => CliDeps): void {
  const analytics = program
    .command('analytics')
    .description('influence (PageRank), communities (Leiden) and tags (value tiers, churn risk, rule tags), as jobs recorded in the graph');
  analytics
    .command('run')
    .description('run analytics now and wait for them, with progress')
    .option('--kinds <list>', 'any of influence, communities, tags, recommendations', 'influence,communities,tags,recommendations')
    .option('--backend <name>', 'auto, gds or inprocess', 'auto')
    .option('--seed <n>', 'seed for reproducible in-process communities', '42')
    .option('--resolution <gamma>', 'modularity resolution γ of Leiden', '1')
    .option('--weighting <w>', 'how communities weigh a tie: embeddedness (the default; on gds, detected in-process) or follow-weight (gds.leiden on gds)')
    .action(async (options: { kinds: string; backend: string; seed: string; resolution: string; weighting?: string }) => {
      const kinds = [...new Set(options.kinds.split(',').map((kind) => KINDS[kind.trim().toLowerCase()]))];
      if (kinds.length === 0 || kinds.some((kind) => kind === undefined))
        throw new Error(`--kinds takes influence, communities, tags and/or recommendations; got "${options.kinds}"`);
      if (!['auto', 'gds', 'inprocess'].includes(options.backend)) throw new Error(`--backend takes auto, gds or inprocess; got "${options.backend}"`);
      // Parsing only: the argument rules are the service's (analytics/request.ts), as for runAnalytics.
      const resolution = Number(options.resolution);
      const weighting =
        options.weighting === undefined
          ? null
          : ({ 'follow-weight': 'FOLLOW_WEIGHT', embeddedness: 'EMBEDDEDNESS' } as const)[options.weighting as 'follow-weight' | 'embeddedness'];
      if (weighting === undefined) throw new Error(`--weighting takes follow-weight or embeddedness; got "${options.weighting ?? ''}"`);
      const seed = Number(options.seed);
      const { config, logger } = deps();
      const job = await withDatabase(deps(), async (database) => {
        const app = createAppDeps(database.db, config, logger, { neo4jVersion: database.server.neo4jVersion, gds: database.server.gds });
        const { job: started, done } = await app.analytics.request({
          kinds: kinds as AnalyticsKind[],
          backend: options.backend === 'auto' ? null : (options.backend as AnalyticsBackendName),
          seed,
          resolution,
          weighting,
        });
        const progress = createProgress(logger);
        const task = progress.start(`analytics (${started.backend})`, 1_000);
        const poll = setInterval(() => {
          app.analytics.jobs
            .byIds([started.id])
            .then((jobs) => {
              const current = jobs.get(started.id);
              if (current) task.update(Math.round(current.progress * 1_000), Math.round(current.progress * 1_000));
            })
            .catch(() => undefined);
        }, 500);
        try {
          const finished = await done;
          task.finish(1_000);
          return finished;
        } finally {
          clearInterval(poll);
          progress.stop();
        }
      });
      process.stdout.write(`${describe(job)}\n`);
      if (job.status !== 'SUCCEEDED') process.exitCode = 1;
    });
  analytics
    .command('jobs')
    .description('recent analytics jobs')
    .option('--first <n>', 'how many', '10')
    .action(async (options: { first: string }) => {
      const { config, logger } = deps();
      const jobs = await withDatabase(deps(), (database) =>
        createAppDeps(database.db, config, logger, { neo4jVersion: database.server.neo4jVersion, gds: database.server.gds }).analytics.jobs.recent(
          Number(options.first) || 10,
        ),
      );
      process.stdout.write(jobs.length === 0 ? 'no analytics jobs yet\n' : `${jobs.map(describe).join('\n')}\n`);
    });
}
