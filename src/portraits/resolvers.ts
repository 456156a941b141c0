import type { Context } from '../context.js';
import { BadInputError } from '../errors.js';
import type { PortraitGroupInput, Resolvers } from '../generated/resolvers-types.js';
import { pageSize } from '../graphql/pagination.js';
import { PORTRAIT_DIMENSIONS, type PortraitGroup } from './service.js';

const MAX_USER_IDS = 100_000;

/** A GraphQL group to the rule it is: exactly one of segmentId, communityId, rule, userIds. */
function toGroup(input: PortraitGroupInput): PortraitGroup {
  const given = (['segmentId', 'communityId', 'rule', 'userIds'] as const).filter((key) => input[key] != null);
  if (given.length !== 1) {
    throw new BadInputError(`Give exactly one of segmentId, communityId, rule, userIds; got ${given.length === 0 ? 'none' : given.join(', ')}.`, {
      argument: 'group',
    });
  }
  if (input.segmentId) return { rule: { segment: { segmentId: input.segmentId } }, reachableOnly: true };
  if (input.communityId) return { rule: { community: { communityId: input.communityId } }, reachableOnly: false };
  if (input.rule) return { rule: input.rule, reachableOnly: true };
  const ids = [...new Set(input.userIds ?? [])];
  if (ids.length === 0 || ids.length > MAX_USER_IDS)
    throw new BadInputError(`userIds takes 1 to ${MAX_USER_IDS} ids; got ${ids.length}.`, { argument: 'userIds' });
  return { rule: { userIds: ids }, reachableOnly: false };
}

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
    portrait: (preview, _, ctx) => ctx.services.portraits.portrait({ rule: preview.rule, reachableOnly: true }),
  },
  Portrait: {
    size: (portrait, _, ctx) => ctx.services.portraits.size(portrait.group),
    minBucketSize: (_, __, ctx) => ctx.services.portraits.minBucketSize,
    suppressed: async (portrait, _, ctx) => (await ctx.services.portraits.size(portrait.group)) < ctx.services.portraits.minBucketSize,
    distributions: (portrait, args, ctx) =>
      Promise.all((args.dimensions ?? PORTRAIT_DIMENSIONS).map((dimension) => ctx.services.portraits.distribution(portrait.group, dimension))),
    topInterests: (portrait, args, ctx) => ctx.services.portraits.traits(portrait.group, 'INTERESTS', limit(args.first, ctx)),
    topProducts: (portrait, args, ctx) => ctx.services.portraits.traits(portrait.group, 'PRODUCTS', limit(args.first, ctx)),
    topCategories: (portrait, args, ctx) => ctx.services.portraits.traits(portrait.group, 'CATEGORIES', limit(args.first, ctx)),
    keyOpinionLeaders: (portrait, args, ctx) => ctx.services.portraits.keyOpinionLeaders(portrait.group, limit(args.first, ctx)),
    compare: (portrait, args, ctx) => ctx.services.portraits.compare(portrait.group, toGroup(args.base), limit(args.interests, ctx)),
  },
};
