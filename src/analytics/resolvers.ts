import type { Context } from '../features.js';
import { requireWrite } from '../graphql/auth.js';
import { AppError, BadInputError } from '../errors.js';
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
      const kinds = [...new Set(args.kinds)];
      if (kinds.length === 0) throw new BadInputError('Pass at least one of INFLUENCE, COMMUNITIES in `kinds`.');
      const backend = ctx.deps.analytics.backend(args.backend ? BACKENDS[args.backend] : null);
      if (typeof backend === 'object') throw new AppError(backend.unavailable, 'ANALYTICS_BACKEND_UNAVAILABLE');
      const resolution = args.resolution ?? 1;
      if (!(resolution > 0 && resolution <= 10)) throw new BadInputError(`resolution must be in (0, 10]; got ${resolution}.`, { argument: 'resolution' });
      const weighting = args.weighting ?? 'FOLLOW_WEIGHT';
      if ((resolution !== 1 || weighting !== 'FOLLOW_WEIGHT') && backend === 'gds') {
        throw new BadInputError('resolution and weighting are supported by the INPROCESS backend only; pass backend: INPROCESS.', { argument: 'backend' });
      }
      const { job, done } = await ctx.deps.analytics.start(kinds, backend, args.seed ?? 42, resolution, weighting);
      // The job runs on after the response; its outcome is recorded on the job node.
      done.catch((error: unknown) => ctx.logger.error({ err: error }, 'analytics job crashed'));
      return toGraphql(job);
    },
  },
};
