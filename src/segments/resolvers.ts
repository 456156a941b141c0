import type { Context } from '../features.js';
import { requireWrite } from '../graphql/auth.js';
import { decodeCursor, encodeCursor, isPosition, pageSize, toConnection } from '../graphql/pagination.js';
import { resolveSeed, type LookalikeSeedInput } from '../lookalike/index.js';
import type { Segment, SegmentMember } from './service.js';

const isRank = (value: unknown): value is number => isPosition(value) && value > 0;

export const segmentResolvers = {
  Query: {
    segment: (_: unknown, args: { id: string }, ctx: Context) => ctx.services.segments.byId(args.id),
  },
  Mutation: {
    saveLookalikeSegment: async (
      _: unknown,
      args: { name: string; seed: LookalikeSeedInput; size: number; options?: Record<string, unknown> | null },
      ctx: Context,
    ) => {
      requireWrite(ctx.auth);
      const seed = await resolveSeed(args.seed, ctx);
      const audience = await ctx.services.lookalike.lookalike(seed, args.size, args.options ?? {});
      const settings = { ...(args.seed.segmentId ? { seedSegmentId: args.seed.segmentId } : {}), size: args.size, options: args.options ?? {}, weights: audience.signals };
      return ctx.services.segments.save(args.name, 'LOOKALIKE', settings, seed, audience.seedSize, audience.members.map((m) => ({ userId: m.userId, score: m.score })));
    },
  },
  Segment: {
    members: async (segment: Segment, args: { first?: number | null; after?: string | null }, ctx: Context) => {
      const limit = pageSize(args.first, ctx.config.limits.maxPageSize);
      const after = args.after ? decodeCursor('segment', args.after, isRank) : null;
      const page = await ctx.services.segments.members(segment.id, after, limit);
      return toConnection(page, (member: SegmentMember) => encodeCursor('segment', member.rank), () => ctx.services.segments.memberCount(segment.id));
    },
  },
  SegmentMember: {
    user: (member: SegmentMember, _: unknown, ctx: Context) => ctx.loaders.profiles.userById.load(member.userId),
  },
};
