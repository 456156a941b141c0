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
import { int, toNeo4jDateTime } from '../db/values.js';
import { AppError, NotFoundError } from '../errors.js';
import type { ContactField } from '../config.js';
import { completeDueCampaigns } from './completion.js';
import { memberContact, type MemberContact } from './payload.js';
import type { Campaign } from './service.js';

const deliveryQueries = {
  pending: cypher<
    { key: string; userId: string; arm: string; consented: boolean; email: string | null; phone: string | null },
    { prefix: string; afterKey: string; limit: Integer; identifiers: boolean }
  >('campaigns/pending-members'),
  markDelivered: cypher<
    { contacted: Integer; withdrawn: Integer; failed: Integer },
    { campaignId: string; contacted: string[]; withdrawn: string[]; failed: string[]; now: DateTime }
  >('campaigns/mark-delivered'),
  deadLetter: cypher<
    { id: string },
    { id: string; campaignId: string; arm: string; channel: string; userIds: string[]; error: string; attempts: Integer; now: DateTime }
  >('campaigns/write-dead-letter'),
};

/** One member in a channel's batch. */
export interface DeliveryMember {
  userId: string;
  /** campaign:arm:user — the same on every attempt, every restart. */
  idempotencyKey: string;
  /** Only for a channel that asks for identifiers (the hashed file formats); never sent raw. */
  email?: string | null;
  phone?: string | null;
  /** The contact fields the channel is configured to carry, as the delivering caller may see them (payload.ts). */
  contact?: MemberContact;
}

/** What a channel is handed: one arm's members of one page. */
export interface DeliveryBatch {
  campaignId: string;
  arm: string;
  template: string;
  /** Where the page starts (the last key before it): the same page on a restart, whoever withdrew since. */
  page: string;
  members: DeliveryMember[];
}

/** Members a channel could not address (no e-mail or phone for a hashed file): failed, with a dead letter saying why. */
export interface SendOutcome {
  unreachable: string[];
}

/**
 * A channel sends a batch or throws; errors (after the sender's own retries) become dead
 * letters. `identifiers`: its batches carry members' e-mail and phone (to hash them itself);
 * `contactFields`: what each member's `contact` holds (CAMPAIGN_PAYLOAD_FIELDS); `close`:
 * releases what it holds (a Kafka producer) once the delivery is over.
 */
export type ChannelSender = ((batch: DeliveryBatch) => Promise<SendOutcome | void>) & {
  readonly identifiers?: boolean;
  readonly contactFields?: readonly ContactField[];
  /** Why this channel cannot send here (a setting missing): refused before anything is sent. */
  readonly unavailable?: string;
  close?: () => Promise<void>;
};

/** Every arm's channel can send from here; otherwise a BAD_USER_INPUT before anything is sent. */
export function checkSenders(campaign: Campaign, senders: Readonly<Record<string, ChannelSender>>): void {
  for (const arm of campaign.arms) {
    const sender = senders[arm.channel];
    if (!sender) throw new AppError(`Arm "${arm.name}" names channel "${arm.channel}", which is not configured here.`, 'BAD_USER_INPUT');
    if (sender.unavailable) throw new AppError(`Arm "${arm.name}" uses ${arm.channel}: ${sender.unavailable}`, 'BAD_USER_INPUT');
  }
}

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
 * `canReadPii`: the delivering caller's right to e-mail and phone in clear (payload.ts).
 */
export async function deliverCampaign(
  db: Db,
  campaign: Campaign | null,
  senders: Readonly<Record<string, ChannelSender>>,
  options: { now: () => Date; canReadPii: boolean; onPage?: (progress: DeliveryProgress) => void; pageSize?: number },
): Promise<DeliveryProgress> {
  if (!campaign) throw new NotFoundError('Campaign', 'unknown');
  if (campaign.status !== 'RUNNING') throw new AppError(`Campaign ${campaign.id} is ${campaign.status}: only a running campaign is delivered.`, 'CONFLICT');
  const arms = new Map(campaign.arms.map((arm) => [arm.name, arm]));
  checkSenders(campaign, senders);
  const progress: DeliveryProgress = { contacted: 0, withdrawn: 0, failed: 0 };
  const prefix = `${campaign.id}:`;
  // E-mail and phone are read only when an arm's channel sends them (or their hashes).
  const identifiers = campaign.arms.some((arm) => {
    const sender = senders[arm.channel];
    return sender?.identifiers === true || (sender?.contactFields?.length ?? 0) > 0;
  });
  let afterKey = '';
  for (;;) {
    const pageStart = afterKey;
    const page = await db.query(deliveryQueries.pending, { prefix, afterKey, limit: int(options.pageSize ?? DELIVERY_PAGE), identifiers });
    if (page.length === 0) {
      await completeDueCampaigns(db, options.now(), campaign.id);
      return progress;
    }
    afterKey = page[page.length - 1]?.key ?? afterKey;
    const withdrawn = page.filter((member) => !member.consented).map((member) => member.userId);
    const byArm = new Map<string, DeliveryMember[]>();
    for (const member of page) {
      if (!member.consented) continue;
      const members = byArm.get(member.arm) ?? [];
      // Each member carries what its own arm's channel asks for, nothing another arm's does.
      const sender = senders[arms.get(member.arm)?.channel ?? ''];
      members.push({
        userId: member.userId,
        idempotencyKey: idempotencyKey(campaign.id, member.arm, member.userId),
        ...(sender?.identifiers === true ? { email: member.email, phone: member.phone } : {}),
        ...(sender?.contactFields?.length ? { contact: memberContact(sender.contactFields, member, options.canReadPii) } : {}),
      });
      byArm.set(member.arm, members);
    }
    const contacted: string[] = [];
    const failed: string[] = [];
    const deadLetter = (armName: string, channel: string, userIds: string[], error: string, attempts: number) =>
      db.mutate(deliveryQueries.deadLetter, {
        id: randomUUID(),
        campaignId: campaign.id,
        arm: armName,
        channel,
        userIds,
        error,
        attempts: int(attempts),
        now: toNeo4jDateTime(options.now()),
      });
    for (const [armName, members] of byArm) {
      const arm = arms.get(armName);
      if (!arm) throw new Error(`campaign ${campaign.id}: a member is in arm "${armName}", which the campaign does not have`);
      const userIds = members.map((member) => member.userId);
      try {
        const outcome = await (senders[arm.channel] as ChannelSender)({
          campaignId: campaign.id,
          arm: armName,
          template: arm.template,
          page: pageStart,
          members,
        });
        const unreachable = new Set(outcome?.unreachable ?? []);
        if (unreachable.size > 0) {
          await deadLetter(armName, arm.channel, [...unreachable], 'no e-mail or phone to match on', 1);
          failed.push(...unreachable);
        }
        contacted.push(...userIds.filter((userId) => !unreachable.has(userId)));
      } catch (error) {
        const failure = error as Partial<DeliveryFailure> & Error;
        await deadLetter(armName, arm.channel, userIds, failure.message, failure.attempts ?? 1);
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
