import type { Resolvers } from '../generated/resolvers-types.js';
import { existingUser } from '../profiles/index.js';
import { requireWrite } from '../graphql/auth.js';
import { decodeCursor, encodeCursor, isPosition, pageSize, toConnection } from '../graphql/pagination.js';

const isRank = (value: unknown): value is number => isPosition(value) && value > 0;

export const segmentResolvers: Resolvers = {
  Query: {
    segment: (_, args, ctx) => ctx.services.segments.byId(args.id),
    previewSegment: async (_, args, ctx) => {
      const published = await ctx.loaders.influence.published.get();
      const influence = published ? { rankKey: published.keys.rankKey, jobKey: published.keys.jobKey, jobId: published.jobId, count: published.count } : null;
      return ctx.services.segments.preview(args.rule, { now: ctx.now, influence }, pageSize(args.sampleSize, ctx.config.limits.maxPageSize));
    },
  },
  Mutation: {
    saveLookalikeSegment: async (_, args, ctx) => {
      requireWrite(ctx.auth);
      const seed = await ctx.services.lookalike.seedIds(args.seed);
      const audience = await ctx.services.lookalike.lookalike(seed, args.size, args.options ?? {});
      const settings = {
        ...(args.seed.segmentId ? { seedSegmentId: args.seed.segmentId } : {}),
        size: args.size,
        options: args.options ?? {},
        weights: audience.signals,
      };
      return ctx.services.segments.save(
        args.name,
        'LOOKALIKE',
        settings,
        seed,
        audience.seedSize,
        audience.members.map((m) => ({ userId: m.userId, score: m.score })),
      );
    },
  },
  Segment: {
    members: async (segment, args, ctx) => {
      const limit = pageSize(args.first, ctx.config.limits.maxPageSize);
      const after = args.after ? decodeCursor('segment', args.after, isRank) : null;
      const page = await ctx.services.segments.members(segment.id, after, limit);
      return toConnection(
        page,
        (member) => encodeCursor('segment', member.rank),
        () => ctx.services.segments.memberCount(segment.id),
      );
    },
  },
  SegmentMember: {
    user: async (member, _, ctx) => existingUser(await ctx.loaders.profiles.userById.load(member.userId), member.userId),
  },
};
