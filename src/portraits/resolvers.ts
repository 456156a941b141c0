import type { Context } from '../context.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { pageSize } from '../graphql/pagination.js';
import { toGroup } from './group-input.js';
import { PORTRAIT_DIMENSIONS } from './service.js';

const limit = (first: number | null | undefined, ctx: Context) => pageSize(first, ctx.config.limits.maxPageSize);

export const portraitResolvers: Resolvers = {
  Query: {
    portrait: (_, args, ctx) => ctx.services.portraits.portrait(toGroup(args.group)),
  },
  Segment: {
    portrait: (segment, _, ctx) => ctx.services.portraits.portrait({ rule: { segment: { segmentId: segment.id } }, reachableOnly: true }),
  },
  Community: {
    portrait: (community, _, ctx) => ctx.services.portraits.portrait({ rule: { community: { communityId: community.id } }, reachableOnly: false }),
  },
  LookalikeAudience: {
    portrait: (audience, _, ctx) =>
      ctx.services.portraits.portrait({ rule: { userIds: audience.members.map((member) => member.userId) }, reachableOnly: false }),
  },
  SegmentPreview: {
    portrait: (preview, _, ctx) => ctx.services.portraits.portrait({ rule: preview.rule, reachableOnly: true, sampled: true }),
  },
  Portrait: {
    size: (portrait, _, ctx) => ctx.services.portraits.size(portrait.group),
    minBucketSize: (_, __, ctx) => ctx.services.portraits.minBucketSize,
    suppressed: (portrait, _, ctx) => ctx.services.portraits.suppressed(portrait.group),
    estimate: (portrait, _, ctx) => ctx.services.portraits.estimate(portrait.group),
    distributions: (portrait, args, ctx) =>
      Promise.all((args.dimensions ?? PORTRAIT_DIMENSIONS).map((dimension) => ctx.services.portraits.distribution(portrait.group, dimension))),
    topInterests: (portrait, args, ctx) => ctx.services.portraits.traits(portrait.group, 'INTERESTS', limit(args.first, ctx)),
    topProducts: (portrait, args, ctx) => ctx.services.portraits.traits(portrait.group, 'PRODUCTS', limit(args.first, ctx)),
    topCategories: (portrait, args, ctx) => ctx.services.portraits.traits(portrait.group, 'CATEGORIES', limit(args.first, ctx)),
    keyOpinionLeaders: (portrait, args, ctx) => ctx.services.portraits.keyOpinionLeaders(portrait.group, limit(args.first, ctx)),
    compare: (portrait, args, ctx) => ctx.services.portraits.compare(portrait.group, toGroup(args.base), limit(args.interests, ctx)),
  },
};
