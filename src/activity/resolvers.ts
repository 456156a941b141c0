import type { IdentityType, Resolvers } from '../generated/resolvers-types.js';
import { maskPiiInText } from '../graphql/auth.js';
import { BadInputError } from '../errors.js';
import { sentimentLabel } from '../text/index.js';
import { decodeCursor, encodeCursor, isInstantAndId, pageSize, toConnection, toPage } from '../graphql/pagination.js';

const MAX_TOP = 100;

/** A `first` or `top` argument: a whole number from 1 to MAX_TOP, else BAD_USER_INPUT naming it. */
function topCount(value: number | null | undefined, field: string): number {
  const count = value ?? 10;
  if (!Number.isInteger(count) || count < 1 || count > MAX_TOP) throw new BadInputError(`${field} must be between 1 and ${MAX_TOP}; got ${count}.`, { field });
  return count;
}

export const activityResolvers: Resolvers = {
  User: {
    reviewSentiment: async (user, _, ctx) => {
      const summary = await ctx.loaders.activity.reviewSentimentByUserId.load(user.id);
      if (!summary) return null;
      return { ...summary, label: sentimentLabel(summary.sentiment), sources: summary.sources.map((source) => ({ ...source, user })) };
    },
    purchases: async (user, args, ctx) => {
      const limit = pageSize(args.first, ctx.config.limits.maxPageSize);
      const after = args.after ? decodeCursor('purchase', args.after, isInstantAndId) : null;
      const purchases = await ctx.loaders.activity.purchasesByUserId.load({ id: user.id, args: { after, limit } });
      return toConnection(
        toPage(purchases, limit),
        (purchase) => encodeCursor('purchase', [purchase.at, purchase.product.id]),
        async () => (await ctx.loaders.activity.purchaseCount.load(user.id)) ?? 0,
      );
    },
  },
  Product: {
    reviews: (product, args, ctx) => ctx.loaders.activity.reviewsByProductId.load({ id: product.id, args: { limit: topCount(args.first, 'first') } }),
    topics: (product, args, ctx) => ctx.loaders.activity.topicsByProductId.load({ id: product.id, args: { limit: topCount(args.first, 'first') } }),
  },
  Review: {
    // A reason is a word of the text: one inside an e-mail address the role may not read goes
    // with the address (the model never gives numbers as reasons, so phone numbers cannot show).
    sentimentReasons: (review, _, ctx) => {
      if (ctx.auth.canReadPii) return review.sentimentReasons;
      const visible = maskPiiInText(review.text).toLowerCase();
      return review.sentimentReasons.filter((reason) => visible.includes(reason.word));
    },
    product: async (review, _, ctx) => {
      const product = await ctx.loaders.catalog.productById.load(review.productId);
      if (!product) throw new Error(`review of product ${review.productId}, which is gone`);
      return product;
    },
  },
  Query: {
    sentimentModels: (_, __, ctx) => ctx.services.activity.sentimentModels(),
    activity: (_, args, ctx) => ctx.services.activity.live(args.window ?? 'LAST_15_MINUTES', topCount(args.top, 'top'), ctx.now),
  },
  Mutation: {
    recordEvents: async (_, args, ctx) => {
      const result = await ctx.services.activity.recordEvents(
        args.events.map((event) => ({ ...event, userId: event.userId ?? null })),
        ctx.now,
        args.tagRefresh === 'QUEUED' ? 'queued' : 'before-answer',
      );
      // The resolver checked every identity type against the schema's enum.
      return { ...result, refusedLinks: result.refusedLinks.map((refused) => ({ ...refused, type: refused.type as IdentityType })) };
    },
  },
};
