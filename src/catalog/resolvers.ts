import type { Resolvers } from '../generated/resolvers-types.js';
import { decodeCursor, encodeCursor, isString, pageSize, toConnection, toPage } from '../graphql/pagination.js';
import { listedUsersArgs, userCursor } from '../profiles/index.js';

export const catalogResolvers: Resolvers = {
  Query: {
    // Both prefetch what the page selects below them in one statement (src/pages/).
    product: async (_, args, ctx, info) => {
      await ctx.services.pages.products.prefetch([args.id], info, 'node');
      return ctx.loaders.catalog.productById.load(args.id);
    },
    products: async (_, args, ctx, info) => {
      const limit = pageSize(args.first, ctx.config.limits.maxPageSize);
      const after = args.after ? decodeCursor('product', args.after, isString) : null;
      const page = await ctx.services.catalog.productsPage(args.filter, after, limit);
      await ctx.services.pages.products.prefetch(
        page.items.map((product) => product.id),
        info,
        'connection',
      );
      return toConnection(
        page,
        (product) => encodeCursor('product', product.id),
        () => ctx.services.catalog.productsCount(args.filter),
      );
    },
  },
  Mutation: {
    upsertProducts: (_, args, ctx) => ctx.services.catalog.upsertProducts(args.input),
  },
  Product: {
    interests: (product, _, ctx) => ctx.loaders.catalog.interestsByProductId.load(product.id),
    buyers: async (product, args, ctx, info) => {
      const page = listedUsersArgs(args, info, ctx.config.limits.maxPageSize);
      const buyers = await ctx.loaders.catalog.buyersByProductId.load({ id: product.id, args: page });
      return toConnection(toPage(buyers, page.limit), userCursor, async () => (await ctx.loaders.catalog.buyerCount.load(product.id)) ?? 0);
    },
  },
};
