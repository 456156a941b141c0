import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../features.js';
import { requireWrite } from '../graphql/auth.js';
import { decodeCursor, encodeCursor, isString, pageSize, toConnection } from '../graphql/pagination.js';
import { afterUserId, userCursor } from '../profiles/index.js';
import type { ProductFilter, ProductUpsert } from './service.js';
import type { Product } from './types.js';

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export const catalogResolvers = {
  Query: {
    // Both prefetch what the page selects below them in one statement (src/pages/).
    product: async (_: unknown, args: { id: string }, ctx: Context, info: GraphQLResolveInfo) => {
      await ctx.services.pages.products.prefetch([args.id], info, 'node');
      return ctx.services.catalog.product(args.id);
    },
    products: async (_: unknown, args: PageArgs & { filter?: ProductFilter | null }, ctx: Context, info: GraphQLResolveInfo) => {
      const limit = pageSize(args.first, ctx.config.limits.maxPageSize);
      const after = args.after ? decodeCursor('product', args.after, isString) : null;
      const page = await ctx.services.catalog.productsPage(args.filter, after, limit);
      await ctx.services.pages.products.prefetch(page.items.map((product) => product.id), info, 'connection');
      return toConnection(page, (product) => encodeCursor('product', product.id), () =>
        ctx.services.catalog.productsCount(args.filter),
      );
    },
  },
  Mutation: {
    upsertProducts: (_: unknown, args: { input: ProductUpsert[] }, ctx: Context) => {
      requireWrite(ctx.auth);
      return ctx.services.catalog.upsertProducts(args.input);
    },
  },
  Product: {
    interests: (product: Product, _: unknown, ctx: Context) => ctx.loaders.catalog.interestsByProductId.load(product.id),
    buyers: async (product: Product, args: PageArgs, ctx: Context) => {
      const limit = pageSize(args.first, ctx.config.limits.maxPageSize);
      const page = await ctx.services.catalog.buyersPage(product.id, afterUserId(args.after), limit);
      return toConnection(page, userCursor, () => ctx.services.catalog.buyerCount(product.id));
    },
  },
};
