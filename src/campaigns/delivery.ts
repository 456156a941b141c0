/**
 * Delivering a launched campaign: its members still to contact, read in key order a page at a
 * time, sent per arm through the arm's channel, then marked delivered in one statement per
 * page (decision 002). All of the job's state is in the graph (a member's pendingKey), so a
 * delivery killed at any point is started again and carries on: the page in flight when it
 * died is sent again, and the receiver drops it by its idempotency keys (campaign:arm:user).
 */
import { randomUUID } from 'node:crypto';
import type { DateTime, Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { Db } from '../db/db.js';
import { int, toNeo4jDateTime, toSafeNumber } from '../db/values.js';
import { AppError, NotFoundError } from '../errors.js';
import type { Campaign } from './service.js';

const deliveryQueries = {
  pending: cypher<{ key: string; userId: string; arm: string; consented: boolean }, { prefix: string; afterKey: string; limit: Integer }>(
    'campaigns/pending-members',
  ),
  markDelivered: cypher<
    { contacted: Integer; withdrawn: Integer; failed: Integer },
    { campaignId: string; contacted: string[]; withdrawn: string[]; failed: string[]; now: DateTime }
  >('campaigns/mark-delivered'),
  deadLetter: cypher<
    { id: string },
    { id: string; campaignId: string; arm: string; channel: string; userIds: string[]; error: string; attempts: Integer; now: DateTime }
  >('campaigns/write-dead-letter'),
  counts: cypher<{ pending: Integer; contacted: Integer; failed: Integer }, { id: string }>('campaigns/delivery-counts'),
};

/** One member in a channel's batch. */
export interface DeliveryMember {
  userId: string;
  /** campaign:arm:user — the same on every attempt, every restart. */
  idempotencyKey: string;
}

/** What a channel is handed: one arm's members of one page. */
export interface DeliveryBatch {
  campaignId: string;
  arm: string;
  template: string;
  members: DeliveryMember[];
}

/** A channel sends a batch or throws; `permanent` errors (and exhausted retries) become dead letters. */
export type ChannelSender = (batch: DeliveryBatch) => Promise<void>;

/** A send that failed for good: the error's message is kept on the dead letter. */
export interface DeliveryFailure {
  message: string;
  attempts: number;
}

export interface DeliveryProgress {
  contacted: number;
  withdrawn: number;
  failed: number;
}

/** Members per page read and marked. */
export const DELIVERY_PAGE = 1_000;

export const idempotencyKey = (campaignId: string, arm: string, userId: string) => `${campaignId}:${arm}:${userId}`;

/**
 * Sends every pending member of a RUNNING campaign. `senders` maps each channel the arms name
 * to its sender; a missing one is a configuration error raised before anything is sent.
 */
export async function deliverCampaign(
  db: Db,
  campaign: Campaign | null,
  senders: Readonly<Record<string, ChannelSender>>,
  options: { now: () => Date; onPage?: (progress: DeliveryProgress) => void; pageSize?: number },
): Promise<DeliveryProgress> {
  if (!campaign) throw new NotFoundError('Campaign', 'unknown');
  if (campaign.status !== 'RUNNING') throw new AppError(`Campaign ${campaign.id} is ${campaign.status}: only a running campaign is delivered.`, 'CONFLICT');
  const arms = new Map(campaign.arms.map((arm) => [arm.name, arm]));
  for (const arm of campaign.arms) {
    if (!senders[arm.channel]) throw new AppError(`Arm "${arm.name}" names channel "${arm.channel}", which is not configured here.`, 'BAD_USER_INPUT');
  }
  const progress: DeliveryProgress = { contacted: 0, withdrawn: 0, failed: 0 };
  const prefix = `${campaign.id}:`;
  let afterKey = '';
  for (;;) {
    const page = await db.query(deliveryQueries.pending, { prefix, afterKey, limit: int(options.pageSize ?? DELIVERY_PAGE) });
    if (page.length === 0) return progress;
    afterKey = page[page.length - 1]?.key ?? afterKey;
    const withdrawn = page.filter((member) => !member.consented).map((member) => member.userId);
    const byArm = new Map<string, string[]>();
    for (const member of page) {
      if (!member.consented) continue;
      byArm.set(member.arm, [...(byArm.get(member.arm) ?? []), member.userId]);
    }
    const contacted: string[] = [];
    const failed: string[] = [];
    for (const [armName, userIds] of byArm) {
      const arm = arms.get(armName);
      if (!arm) throw new Error(`campaign ${campaign.id}: a member is in arm "${armName}", which the campaign does not have`);
      const batch: DeliveryBatch = {
        campaignId: campaign.id,
        arm: armName,
        template: arm.template,
        members: userIds.map((userId) => ({ userId, idempotencyKey: idempotencyKey(campaign.id, armName, userId) })),
      };
      try {
        await (senders[arm.channel] as ChannelSender)(batch);
        contacted.push(...userIds);
      } catch (error) {
        const failure = error as Partial<DeliveryFailure> & Error;
        await db.mutate(deliveryQueries.deadLetter, {
          id: randomUUID(),
          campaignId: campaign.id,
          arm: armName,
          channel: arm.channel,
          userIds,
          error: failure.message,
          attempts: int(failure.attempts ?? 1),
          now: toNeo4jDateTime(options.now()),
        });
        failed.push(...userIds);
      }
    }
    await db.mutate(deliveryQueries.markDelivered, { campaignId: campaign.id, contacted, withdrawn, failed, now: toNeo4jDateTime(options.now()) });
    progress.contacted += contacted.length;
    progress.withdrawn += withdrawn.length;
    progress.failed += failed.length;
    options.onPage?.(progress);
  }
}

/** Members still pending, contacted and failed, from the graph (any replica, any time). */
export async function deliveryCounts(db: Db, campaignId: string): Promise<{ pending: number; contacted: number; failed: number }> {
  const [row] = await db.query(deliveryQueries.counts, { id: campaignId });
  return { pending: toSafeNumber(row?.pending ?? 0), contacted: toSafeNumber(row?.contacted ?? 0), failed: toSafeNumber(row?.failed ?? 0) };
}
