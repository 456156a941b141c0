import type { Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { Db } from '../db/db.js';
import { toSafeNumber } from '../db/values.js';

const countsQuery = cypher<{ pending: Integer; contacted: Integer; failed: Integer }, { id: string }>('campaigns/delivery-counts');

export interface DeliveryCounts {
  pending: number;
  contacted: number;
  failed: number;
}

/** Members still pending, contacted and failed, from the graph (any replica, any time). */
export async function deliveryCounts(db: Db, campaignId: string): Promise<DeliveryCounts> {
  const [row] = await db.query(countsQuery, { id: campaignId });
  return { pending: toSafeNumber(row?.pending ?? 0), contacted: toSafeNumber(row?.contacted ?? 0), failed: toSafeNumber(row?.failed ?? 0) };
}
