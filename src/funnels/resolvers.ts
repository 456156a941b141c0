import type { Resolvers } from '../generated/resolvers-types.js';
import { toGroup } from '../portraits/index.js';
import { durationMs, FUNNEL_LIMITS } from './index.js';

export const funnelResolvers: Resolvers = {
  Query: {
    funnel: (_, args, ctx) => {
      const within = args.within ?? 'P7D';
      const until = args.until ?? ctx.now;
      return ctx.services.funnels.funnel({
        steps: args.steps,
        within,
        withinMs: durationMs(within, 'within'),
        until,
        since: args.since ?? new Date(until.getTime() - FUNNEL_LIMITS.defaultSinceMs),
        group: args.group ? toGroup(args.group) : null,
      });
    },
  },
};
