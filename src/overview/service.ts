import type { Db } from '../db/db.js';
import type { DateTime } from 'neo4j-driver';
import { toIsoString, toNullableNumber, toSafeNumber } from '../db/values.js';
import { graphStats } from '../ingest/index.js';

export interface ImportRunSummary {
  source: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  rows: number | null;
  rejected: number | null;
}

export interface Overview {
  users: number;
  products: number;
  interests: number;
  communities: number;
  follows: number;
  purchases: number;
  views: number;
  ratings: number;
  lastActivityAt: Date | null;
  lastImport: ImportRunSummary | null;
}

const count = (value: unknown) => (value === null || value === undefined ? 0 : toSafeNumber(value as number));
const optionalCount = (value: unknown) => toNullableNumber(value as number | null | undefined);
const date = (value: unknown) => {
  const iso = toIsoString(value as DateTime | null | undefined);
  return iso === null ? null : new Date(iso);
};

/** The overview screen's figures: the count store and two index-ordered reads (ingest/stats.cypher). */
export class OverviewService {
  constructor(
    private readonly db: Db,
    private readonly runStaleAfterMs: number,
  ) {}

  async overview(): Promise<Overview> {
    const stats = await graphStats(this.db, this.runStaleAfterMs);
    const run = stats['lastImport'] as Record<string, unknown> | null | undefined;
    return {
      users: count(stats['users']),
      products: count(stats['products']),
      interests: count(stats['interests']),
      communities: count(stats['communities']),
      follows: count(stats['follows']),
      purchases: count(stats['purchased']),
      views: count(stats['viewed']),
      ratings: count(stats['rated']),
      lastActivityAt: date(stats['lastActivity']),
      lastImport: run
        ? {
            source: String(run['source'] ?? 'unknown'),
            status: String(run['status'] ?? 'unknown'),
            startedAt: date(run['startedAt']) ?? new Date(0),
            finishedAt: date(run['finishedAt']),
            rows: optionalCount(run['rows']),
            rejected: optionalCount(run['rejected']),
          }
        : null,
    };
  }
}
