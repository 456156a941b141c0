import type { Resolvers } from '../generated/resolvers-types.js';
import { existingUser } from '../profiles/index.js';
import { BadInputError, ForbiddenError } from '../errors.js';
import { decodeCursor, encodeCursor, isPosition, isStringPair, pageSize, toConnection } from '../graphql/pagination.js';
import { exportHeader, exportLines, type ExportTarget } from './export.js';
import { ruleWithPiiMasked, settingsWithPiiMasked } from './rules.js';
import { START_OF_EXPORT, type Segment } from './service.js';

const isRank = (value: unknown): value is number => isPosition(value) && value > 0;
/** [rank so far, last user id]: where the next export page starts. */
const isExportKey = (value: unknown): value is [number, string] =>
  Array.isArray(value) && value.length === 2 && isPosition(value[0]) && typeof value[1] === 'string';
/** Lines per `Segment.export` page at most: a page is one statement and a few MB of CSV. */
export const MAX_EXPORT_PAGE = 5_000;

export const segmentResolvers: Resolvers = {
  Query: {
    segment: (_, args, ctx) => ctx.services.segments.byId(args.id),
    previewSegment: (_, args, ctx) => ctx.services.segments.preview(args.rule, pageSize(args.sampleSize, ctx.config.limits.maxPageSize)),
    segments: async (_, args, ctx) => {
      const limit = pageSize(args.first, ctx.config.limits.maxPageSize);
      const after = args.after ? decodeCursor('segments', args.after, isStringPair) : null;
      const page = await ctx.services.segments.page(after, limit);
      return toConnection(
        page,
        (segment: Segment) => encodeCursor('segments', [segment.createdAt, segment.id]),
        () => ctx.services.segments.count(),
      );
    },
  },
  Mutation: {
    createSegment: (_, args, ctx) => ctx.services.segments.createRuleSegment(args.name, args.rule),
    updateSegment: (_, args, ctx) => ctx.services.segments.updateRuleSegment(args.id, args.name, args.rule),
    snapshotSegment: (_, args, ctx) => ctx.services.segments.snapshot(args.id, args.name),
    deleteSegment: (_, args, ctx) => ctx.services.segments.delete(args.id),
    saveLookalikeSegment: async (_, args, ctx) => {
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
    // Rules and settings may hold e-mails and phones a marketer typed into them: masked for roles without PII.
    rule: (segment, _, ctx) => (segment.rule ? JSON.stringify(ctx.auth.canReadPii ? segment.rule : ruleWithPiiMasked(segment.rule)) : null),
    settings: (segment, _, ctx) => (ctx.auth.canReadPii ? segment.settings : settingsWithPiiMasked(segment.settings)),
    overlap: (segment, args, ctx) => ctx.services.segments.overlap(segment, args.otherSegmentId),
    size: (segment, _, ctx) => (segment.rule ? ctx.services.segments.ruleMemberCount(segment.rule) : segment.size),
    members: async (segment, args, ctx) => {
      const limit = pageSize(args.first, ctx.config.limits.maxPageSize);
      if (segment.rule) {
        // Evaluated now, in user id order; the cursor carries the rank so far and the last id.
        const [rankSoFar, afterId] = args.after ? decodeCursor('rule-member', args.after, isStringPair) : ['0', ''];
        const start = Number(rankSoFar);
        if (!Number.isSafeInteger(start) || start < 0) throw new BadInputError('Invalid cursor for Segment.members.', { argument: 'after' });
        const page = await ctx.services.segments.ruleMembers(segment.rule, afterId, limit);
        const members = { ...page, items: page.items.map((userId, index) => ({ userId, score: 1, rank: start + index + 1 })) };
        const rule = segment.rule;
        return toConnection(
          members,
          (member) => encodeCursor('rule-member', [String(member.rank), member.userId]),
          () => ctx.services.segments.ruleMemberCount(rule),
        );
      }
      const after = args.after ? decodeCursor('segment', args.after, isRank) : null;
      const page = await ctx.services.segments.members(segment.id, after, limit);
      return toConnection(
        page,
        (member) => encodeCursor('segment', member.rank),
        () => ctx.services.segments.memberCount(segment.id),
      );
    },
    export: async (segment, args, ctx) => {
      const target = args.target.toLowerCase() as ExportTarget;
      // Hashes of e-mails and phones are still personal data: only roles that read PII get them.
      if (target !== 'ids' && !ctx.auth.canReadPii) {
        throw new ForbiddenError(`The role "${ctx.auth.role}" may not export hashed e-mails and phones; ask for target IDS or use a key with PII access.`);
      }
      const limit = pageSize(args.first, MAX_EXPORT_PAGE);
      const after = args.after ? decodeCursor('segment-export', args.after, isExportKey) : null;
      const page = await exportLines(ctx.services.segments, segment, target, after ? { afterRank: after[0], afterId: after[1] } : START_OF_EXPORT, limit);
      return {
        header: exportHeader(target),
        lines: page.lines,
        withoutConsent: page.withoutConsent,
        withoutIdentifier: page.withoutIdentifier,
        pageInfo: {
          hasNextPage: page.next !== null,
          endCursor: page.next ? encodeCursor('segment-export', [page.next.afterRank, page.next.afterId]) : null,
        },
      };
    },
  },
  SegmentMember: {
    user: async (member, _, ctx) => existingUser(await ctx.loaders.profiles.userById.load(member.userId), member.userId),
  },
};
