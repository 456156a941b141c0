import type { Integer } from 'neo4j-driver';
import type { ProductMap } from '../catalog/index.js';
import { cypher } from '../db/cypher.js';

type Row = { userId: string; product: ProductMap; score: number; evidence: Integer; known?: Integer; byNeighbours?: boolean };
type Params = { userIds: string[]; limit: Integer };
/** Per-hop sample sizes of ALSO_ENGAGED (the statement explains them). */
export type CoEngagementBounds = { maxOwnProducts: Integer; maxCoEngagersPerProduct: Integer; maxCoEngagers: Integer; maxProductsPerUser: Integer };

/** What the RECOMMENDATIONS job reads and writes (jobs.ts). */
export const recommendationJobQueries = {
  streamEngagements: cypher<{ userId: string; products: string[] }, { after: string; limit: Integer; maxProductsPerUser: Integer }>(
    'recommendations/stream-engagements',
  ),
  writeAlsoEngaged: cypher<{ written: Integer }, { rows: { productId: string; ids: string[]; similarities: number[] }[]; jobId: string }>(
    'recommendations/write-also-engaged',
  ),
  clearStaleAlsoEngaged: cypher<{ cleared: Integer }, { jobId: string }>('recommendations/clear-stale-also-engaged'),
  writeInterestTopProducts: cypher<{ interests: Integer }, { keep: Integer }>('recommendations/write-interest-top-products'),
  publish: cypher<{ popular: Integer }, { jobId: string; popular: Integer }>('recommendations/publish'),
} as const;

export const recommendationQueries = {
  ALSO_ENGAGED: cypher<Row, Params & CoEngagementBounds>('recommendations/also-engaged-by-user-ids'),
  FRIENDS: cypher<Row, Params>('recommendations/friends-bought-by-user-ids'),
  INTERESTS: cypher<Row, Params>('recommendations/by-interests-by-user-ids'),
  POPULAR: cypher<Row, Params>('recommendations/popular-by-user-ids'),
} as const;
