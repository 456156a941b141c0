import type { Context } from '../features.js';
import { requireWrite } from '../graphql/auth.js';
import { pageSize } from '../graphql/pagination.js';
import type { AnalyticsJob, AnalyticsKind } from './jobs.js';

const BACKENDS = { GDS: 'gds', INPROCESS: 'inprocess' } as const;

/** GraphQL shape of a job: enums upper-case, as the SDL declares. */
const toGraphql = (job: AnalyticsJob) => ({ ...job, backend: job.backend === 'gds' ? 'GDS' : 'INPROCESS' });

export const analyticsResolvers = {
  Query: {
    analyticsJob: async (_: unknown, args: { id: string }, ctx: Context) => {
      const job = (await ctx.deps.analytics.jobs.byIds([args.id])).get(args.id);
      return job ? toGraphql(job) : null;
    },
    analyticsJobs: async (_: unknown, args: { first?: number | null }, ctx: Context) =>
      (await ctx.deps.analytics.jobs.recent(pageSize(args.first, ctx.config.limits.maxPageSize))).map(toGraphql),
  },
  Mutation: {
    runAnalytics: async (_: unknown, args: { kinds: AnalyticsKind[]; seed?: number | null; resolution?: number | null; weighting?: 'FOLLOW_WEIGHT' | 'EMBEDDEDNESS' | null; backend?: keyof typeof BACKENDS | null }, ctx: Context) => {
      requireWrite(ctx.auth);
      const { job, done } = await ctx.deps.analytics.request({
        kinds: args.kinds,
        backend: args.backend ? BACKENDS[args.backend] : null,
        seed: args.seed,
        resolution: args.resolution,
        weighting: args.weighting,
      });
      // The job runs on after the response; its outcome is recorded on the job node.
      done.catch((error: unknown) => ctx.logger.error({ err: error }, 'analytics job crashed'));
      return toGraphql(job);
    },
  },
};
