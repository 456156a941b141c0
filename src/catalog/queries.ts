import type { Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { ListedUserMap } from '../profiles/index.js';
import type { ProductMap } from './types.js';

export interface ProductFilterParams extends Record<string, unknown> {
  category: string | null;
  brand: string | null;
  interestId: string | null;
}

export interface ProductPropsRow extends Record<string, unknown> {
  id: string;
  props: Record<string, unknown>;
  interests: { interestId: string; weight: number }[] | null;
}

type ProductIds = { productIds: string[] };

export const catalogQueries = {
  productsByIds: cypher<{ product: ProductMap }, { ids: string[] }>('catalog/products-by-ids'),
  productsPage: cypher<{ product: ProductMap }, ProductFilterParams & { after: string; limit: Integer }>('catalog/products-page'),
  productsCount: cypher<{ total: Integer }, ProductFilterParams>('catalog/products-count'),
  interestsByProductIds: cypher<{ productId: string; interestId: string; name: string; weight: number }, ProductIds>('catalog/interests-by-product-ids'),
  buyersByProductIds: cypher<{ productId: string; user: ListedUserMap }, ProductIds & { after: string; limit: Integer; cards: boolean }>(
    'catalog/buyers-by-product-ids',
  ),
  buyerCountsByProductIds: cypher<{ productId: string; total: Integer }, ProductIds>('catalog/buyer-counts-by-product-ids'),
  existingProductIds: cypher<{ existing: string[] }, { ids: string[] }>('catalog/existing-product-ids'),
  upsertProducts: cypher<{ written: Integer }, { rows: ProductPropsRow[]; replaceInterests: boolean }>('catalog/upsert-products'),
} as const;
