import type { Resolvers } from '../generated/resolvers-types.js';
import { pageSize } from '../graphql/pagination.js';

/** The SDL's AnalyticsBackend enum and the engine's backend names. */
const BACKENDS = { GDS: 'gds', INPROCESS: 'inprocess' } as const;

export const analyticsResolvers: Resolvers = {
  Query: {
    analyticsJob: async (_, args, ctx) => {
      const job = (await ctx.deps.analytics.jobs.byIds([args.id])).get(args.id);
      return job ?? null;
    },
    analyticsJobs: async (_, args, ctx) => ctx.deps.analytics.jobs.recent(pageSize(args.first, ctx.config.limits.maxPageSize)),
  },
  Mutation: {
    runAnalytics: async (_, args, ctx) => {
      const { job, done } = await ctx.deps.analytics.request({
        kinds: args.kinds,
        backend: args.backend ? BACKENDS[args.backend] : null,
        seed: args.seed,
        resolution: args.resolution,
        weighting: args.weighting,
      });
      // The job runs on after the response; its outcome is recorded on the job node.
      done.catch((error) => ctx.logger.error({ err: error }, 'analytics job crashed'));
      return job;
    },
  },
  AnalyticsJob: {
    backend: (job) => (job.backend === 'gds' ? 'GDS' : 'INPROCESS'),
    communitiesBackend: (job) => (job.communitiesBackend === null ? null : job.communitiesBackend === 'gds' ? 'GDS' : 'INPROCESS'),
  },
};
