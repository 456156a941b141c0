/**
 * A running campaign is DONE once it is over: nothing left to deliver and the goal's window
 * after the launch closed, so its results are final. Nothing marks that moment as it passes;
 * the statement finds the campaigns that are over, and runs where a campaign can end: after a
 * delivery's last page (a campaign launched before its window closed is done then) and in the
 * TAGS job operators schedule daily (src/tags/jobs.ts). One statement, idempotent, so replicas
 * running it together set each campaign DONE once.
 */
import type { DateTime } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { Db } from '../db/db.js';
import { toNeo4jDateTime } from '../db/values.js';

const completeDue = cypher<{ id: string }, { id: string | null; now: DateTime }>('campaigns/complete-due-campaigns');

/** Sets DONE on every running campaign that is over (or on `campaignId` only, if it is); returns their ids. */
export async function completeDueCampaigns(db: Db, now: Date, campaignId: string | null = null): Promise<string[]> {
  const rows = await db.mutate(completeDue, { id: campaignId, now: toNeo4jDateTime(now) });
  return rows.map((row) => row.id);
}
