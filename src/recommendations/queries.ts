import type { Integer } from 'neo4j-driver';
import type { ProductMap } from '../catalog/index.js';
import { cypher } from '../db/cypher.js';

type Row = { userId: string; product: ProductMap; score: number; evidence: Integer; known?: Integer };
type Params = { userIds: string[]; limit: Integer };
/** Per-hop sample sizes of ALSO_ENGAGED (the statement explains them). */
export type CoEngagementBounds = { maxOwnProducts: Integer; maxCoEngagersPerProduct: Integer; maxCoEngagers: Integer; maxProductsPerUser: Integer };

export const recommendationQueries = {
  ALSO_ENGAGED: cypher<Row, Params & CoEngagementBounds>('recommendations/also-engaged-by-user-ids'),
  FRIENDS: cypher<Row, Params>('recommendations/friends-bought-by-user-ids'),
  INTERESTS: cypher<Row, Params>('recommendations/by-interests-by-user-ids'),
  POPULAR: cypher<Row, Params>('recommendations/popular-by-user-ids'),
} as const;
