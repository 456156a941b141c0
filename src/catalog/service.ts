import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { int, toSafeNumber } from '../db/values.js';
import { BadInputError, NotFoundError } from '../errors.js';
import { toPage, type Page } from '../graphql/pagination.js';
import { checkBatch, missingInterestIds } from '../profiles/index.js';
import type { CatalogLoaders } from './loaders.js';
import { catalogQueries, type ProductFilterParams } from './queries.js';
import { toProduct, type Product } from './types.js';

export interface ProductFilter {
  category?: string | null;
  brand?: string | null;
  interestId?: string | null;
}

export interface ProductUpsert {
  id: string;
  name: string;
  category?: string | null;
  brand?: string | null;
  price?: number | null;
  interests?: { interestId: string; weight: number }[] | null;
}

const PRODUCT_FIELDS = ['name', 'category', 'brand', 'price'] as const;

function filterParams(filter: ProductFilter | null | undefined): ProductFilterParams {
  return { category: filter?.category ?? null, brand: filter?.brand ?? null, interestId: filter?.interestId ?? null };
}

export class CatalogService {
  constructor(
    private readonly db: Db,
    private readonly loaders: CatalogLoaders,
    private readonly limits: Config['limits'],
  ) {}

  async productsPage(filter: ProductFilter | null | undefined, after: string | null, limit: number): Promise<Page<Product>> {
    const rows = await this.db.query(catalogQueries.productsPage, { ...filterParams(filter), after: after ?? '', limit: int(limit + 1) });
    const products = rows.map((row) => toProduct(row.product));
    for (const product of products) this.loaders.productById.prime(product.id, product);
    return toPage(products, limit);
  }

  async productsCount(filter: ProductFilter | null | undefined): Promise<number> {
    const [row] = await this.db.query(catalogQueries.productsCount, filterParams(filter));
    return row ? toSafeNumber(row.total) : 0;
  }

  /** All or nothing: an unknown interest id aborts before any product is written. */
  async upsertProducts(inputs: readonly ProductUpsert[]): Promise<{ created: number; updated: number; products: Product[] }> {
    checkBatch(
      inputs.map((input) => input.id),
      this.limits.maxBatchSize,
      'products',
    );
    const blank = inputs.find((input) => input.name.trim() === '');
    if (blank) throw new BadInputError(`Product "${blank.id}" has an empty name.`, { id: blank.id });
    const ids = inputs.map((input) => input.id);
    const interestIds = [...new Set(inputs.flatMap((input) => input.interests?.map((tag) => tag.interestId) ?? []))];
    const rows = inputs.map((input) => {
      const props: Record<string, unknown> = {};
      for (const field of PRODUCT_FIELDS) if (input[field] !== undefined) props[field] = input[field];
      return { id: input.id, props, interests: input.interests ?? null };
    });
    const existing = await this.db.write(
      async (tx) => {
        const missing = await missingInterestIds(this.db, tx, interestIds);
        if (missing.length > 0) throw new NotFoundError('Interest', missing);
        const [found] = await this.db.run(tx, catalogQueries.existingProductIds, { ids });
        await this.db.run(tx, catalogQueries.upsertProducts, { rows, replaceInterests: true });
        return new Set(found?.existing ?? []);
      },
      { name: catalogQueries.upsertProducts.name },
    );
    const products = await this.loaders.productById.loadMany(ids);
    return {
      created: ids.filter((id) => !existing.has(id)).length,
      updated: ids.filter((id) => existing.has(id)).length,
      products: products.filter((product): product is Product => product !== null && !(product instanceof Error)),
    };
  }
}
