/**
 * Campaigns: drafted with their arms, goal and audience, launched by assigning every member of
 * the audience to an arm (or recording why they were left out), in pages, so a million
 * members is ~100 statements and an interrupted launch is run again (decision 002).
 */
import { randomUUID } from 'node:crypto';
import type { DateTime, Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { Db } from '../db/db.js';
import { int, toIsoString, toNeo4jDateTime, toSafeNumber } from '../db/values.js';
import { AppError, BadInputError, NotFoundError } from '../errors.js';
import { assignArm, type ArmShare } from './assignment.js';
import { campaignResults, type CampaignResults } from './results.js';
import { deliveryCounts, type DeliveryCounts } from './delivery-counts.js';

export type CampaignMap = Record<string, unknown> & { id: string; name: string; status: string; settings: string };

const campaignQueries = {
  create: cypher<
    { campaign: CampaignMap },
    {
      id: string;
      name: string;
      settings: string;
      now: DateTime;
      goalKind: string;
      goalProductId: string | null;
      goalCategory: string | null;
      goalInterestId: string | null;
      goalWithinDays: Integer;
    }
  >('campaigns/create-campaign'),
  byIds: cypher<{ campaign: CampaignMap }, { ids: string[] }>('campaigns/campaigns-by-ids'),
  beginLaunch: cypher<{ campaign: CampaignMap }, { id: string; now: DateTime }>('campaigns/begin-launch'),
  assignMembers: cypher<
    { written: Integer },
    { campaignId: string; members: { userId: string; arm: string }[]; now: DateTime; capSince: DateTime; capContacts: Integer }
  >('campaigns/assign-members'),
  launchCounts: cypher<{ arm: string; leftOut: string; users: Integer; contacted: Integer }, { id: string }>('campaigns/launch-counts'),
  finishLaunch: cypher<{ campaign: CampaignMap }, { id: string; now: DateTime; notFound: Integer }>('campaigns/finish-launch'),
  list: cypher<{ campaign: CampaignMap }, { status: string | null; limit: Integer }>('campaigns/list-campaigns'),
  cancel: cypher<{ campaign: CampaignMap }, { id: string; now: DateTime }>('campaigns/cancel-campaign'),
};

/** The control arm's name: not contacted, the baseline every arm is measured against. */
export const CONTROL_ARM = 'control';
/** The control arm's share when a campaign does not say (the default). */
export const DEFAULT_CONTROL_SHARE = 0.1;
/** Audience ids per assignment statement. */
const LAUNCH_PAGE = 10_000;

export interface ArmInput {
  name: string;
  share: number;
  channel: string;
  template: string;
}

export interface CampaignGoal {
  kind: 'VIEW' | 'PURCHASE' | 'RATE' | 'REVIEW';
  /** At most one of productId, category, interestId: the goal is an event on that product, on a product of that category, or on one holding that interest. */
  productId?: string | null;
  category?: string | null;
  interestId?: string | null;
  withinDays: number;
}

export interface CampaignInput {
  name: string;
  arms: ArmInput[];
  controlShare?: number | null;
  goal: CampaignGoal;
}

/** The frequency cap: at most `contacts` contacts per user in `days` days, across campaigns. */
export interface FrequencyCap {
  contacts: number;
  days: number;
}

export interface Campaign {
  id: string;
  name: string;
  status: 'DRAFT' | 'LAUNCHING' | 'RUNNING' | 'DONE' | 'CANCELLED';
  /** Control first, then the arms as drafted; shares sum to 1. */
  shares: ArmShare[];
  arms: ArmInput[];
  goal: CampaignGoal;
  createdAt: string;
  launchedAt: string | null;
  doneAt: string | null;
  notFound: number | null;
  /** Until when a process holds the delivery (delivery-job.ts); null when none does. */
  deliveryLeaseUntil: string | null;
}

/** Members per arm (control included), of them contacted so far, and users left out per reason. */
export interface LaunchCounts {
  assigned: Record<string, number>;
  contacted: Record<string, number>;
  leftOut: Record<string, number>;
}

/** What a launch did. */
export interface LaunchReport extends LaunchCounts {
  campaign: Campaign;
}

const SHARE_TOLERANCE = 1e-9;

export function toCampaign(map: CampaignMap): Campaign {
  const settings = JSON.parse(map.settings) as { arms: ArmInput[]; controlShare: number; goal: CampaignGoal };
  return {
    id: map.id,
    name: map.name,
    status: map.status as Campaign['status'],
    shares: [{ name: CONTROL_ARM, share: settings.controlShare }, ...settings.arms.map((arm) => ({ name: arm.name, share: arm.share }))],
    arms: settings.arms,
    goal: settings.goal,
    createdAt: toIsoString(map['createdAt'] as DateTime) ?? '',
    launchedAt: toIsoString(map['launchedAt'] as DateTime | null),
    doneAt: toIsoString(map['doneAt'] as DateTime | null),
    notFound: map['notFound'] == null ? null : toSafeNumber(map['notFound'] as Integer),
    deliveryLeaseUntil: toIsoString(map['deliveryLeaseUntil'] as DateTime | null),
  };
}

/** Checks a draft; every problem is a BAD_USER_INPUT naming the field. */
function validate(input: CampaignInput, channels: readonly string[]): void {
  if (input.name.trim() === '') throw new BadInputError('A campaign needs a name.', { field: 'name' });
  if (input.arms.length === 0) throw new BadInputError('A campaign needs at least one arm besides the control.', { field: 'arms' });
  const controlShare = input.controlShare ?? DEFAULT_CONTROL_SHARE;
  if (!(controlShare > 0 && controlShare < 1)) {
    throw new BadInputError(`The control share must be above 0 and below 1; got ${controlShare}.`, { field: 'controlShare' });
  }
  const names = new Set<string>([CONTROL_ARM]);
  for (const arm of input.arms) {
    if (names.has(arm.name)) throw new BadInputError(`Arm names must be distinct and not "${CONTROL_ARM}"; "${arm.name}" repeats.`, { field: 'arms' });
    names.add(arm.name);
    if (!(arm.share > 0)) throw new BadInputError(`Arm "${arm.name}" needs a share above 0; got ${arm.share}.`, { field: 'arms' });
    if (!channels.includes(arm.channel)) {
      throw new BadInputError(`Arm "${arm.name}" names channel "${arm.channel}", which is not configured (configured: ${channels.join(', ') || 'none'}).`, {
        field: 'arms',
        channel: arm.channel,
      });
    }
  }
  const total = controlShare + input.arms.reduce((sum, arm) => sum + arm.share, 0);
  if (Math.abs(total - 1) > SHARE_TOLERANCE) {
    throw new BadInputError(`The control share and the arms' shares must sum to 1; they sum to ${total}.`, { field: 'arms', total });
  }
  if ([input.goal.productId, input.goal.category, input.goal.interestId].filter((scope) => scope != null).length > 1) {
    throw new BadInputError('A goal names at most one of productId, category or interestId.', { field: 'goal' });
  }
  if (!(Number.isInteger(input.goal.withinDays) && input.goal.withinDays >= 1 && input.goal.withinDays <= 365)) {
    throw new BadInputError(`The goal's window must be 1 to 365 days; got ${input.goal.withinDays}.`, { field: 'goal.withinDays' });
  }
}

export class CampaignsService {
  constructor(
    private readonly db: Db,
    private readonly options: { channels: readonly string[]; frequencyCap: FrequencyCap; channelCosts?: Readonly<Record<string, number>> },
  ) {}

  get channels(): readonly string[] {
    return this.options.channels;
  }

  async create(input: CampaignInput, now: Date): Promise<Campaign> {
    validate(input, this.options.channels);
    const settings = JSON.stringify({ arms: input.arms, controlShare: input.controlShare ?? DEFAULT_CONTROL_SHARE, goal: input.goal });
    const [row] = await this.db.mutate(campaignQueries.create, {
      id: randomUUID(),
      name: input.name.trim(),
      settings,
      now: toNeo4jDateTime(now),
      goalKind: input.goal.kind,
      goalProductId: input.goal.productId ?? null,
      goalCategory: input.goal.category ?? null,
      goalInterestId: input.goal.interestId ?? null,
      goalWithinDays: int(input.goal.withinDays),
    });
    if (!row) throw new Error('create-campaign returned no row');
    return toCampaign(row.campaign);
  }

  async byId(id: string): Promise<Campaign | null> {
    const [row] = await this.db.query(campaignQueries.byIds, { ids: [id] });
    return row ? toCampaign(row.campaign) : null;
  }

  /** Delivery so far (delivery-counts.ts), and whether a process is delivering now; null before the launch. */
  async delivery(campaign: Campaign, now: Date): Promise<(DeliveryCounts & { running: boolean }) | null> {
    if (campaign.status === 'DRAFT' || campaign.status === 'LAUNCHING') return null;
    const running = campaign.deliveryLeaseUntil !== null && Date.parse(campaign.deliveryLeaseUntil) > now.getTime();
    return { ...(await deliveryCounts(this.db, campaign.id)), running };
  }

  /** Newest first, of one status or any. */
  async list(status: Campaign['status'] | null, limit: number): Promise<Campaign[]> {
    return (await this.db.query(campaignQueries.list, { status, limit: int(limit) })).map((row) => toCampaign(row.campaign));
  }

  /** DRAFT or RUNNING → CANCELLED: nobody still pending is contacted. NOT_FOUND, or CONFLICT when it is over already. */
  async cancel(id: string, now: Date): Promise<Campaign> {
    const [row] = await this.db.mutate(campaignQueries.cancel, { id, now: toNeo4jDateTime(now) });
    if (row) return toCampaign(row.campaign);
    const existing = await this.byId(id);
    if (!existing) throw new NotFoundError('Campaign', id);
    throw new AppError(`Campaign ${id} is ${existing.status}: only a draft or a running campaign can be cancelled.`, 'CONFLICT', { status: existing.status });
  }

  /**
   * Assigns the audience, page by page, and starts the campaign. `audience` yields pages of
   * user ids in a stable order; an empty audience is refused before anything changes.
   * Launching a campaign that already runs (or ran) is a CONFLICT; one whose launch stopped
   * half-way is launched again, writing nothing twice.
   */
  async launch(id: string, audience: AsyncIterable<readonly string[]>, now: Date, onProgress: (assigned: number) => void = () => {}): Promise<LaunchReport> {
    const existing = await this.byId(id);
    if (!existing) throw new NotFoundError('Campaign', id);
    if (existing.status !== 'DRAFT' && existing.status !== 'LAUNCHING') {
      throw new AppError(`Campaign ${id} is ${existing.status}: a campaign is launched once.`, 'CONFLICT', { status: existing.status });
    }
    const pages = audience[Symbol.asyncIterator]();
    const first = await pages.next();
    if (first.done || first.value.length === 0) throw new BadInputError('The audience is empty: nobody to launch the campaign to.', { field: 'audience' });
    const [begun] = await this.db.mutate(campaignQueries.beginLaunch, { id, now: toNeo4jDateTime(now) });
    if (!begun) throw new AppError(`Campaign ${id} is being launched or has been: a campaign is launched once.`, 'CONFLICT');
    const campaign = toCampaign(begun.campaign);
    const capSince = toNeo4jDateTime(new Date(now.getTime() - this.options.frequencyCap.days * 86_400_000));
    let requested = 0;
    let found = 0;
    for (let next: IteratorResult<readonly string[]> = first; !next.done; next = await pages.next()) {
      const page = next.value;
      for (let start = 0; start < page.length; start += LAUNCH_PAGE) {
        const ids = [...new Set(page.slice(start, start + LAUNCH_PAGE))];
        const members = ids.map((userId) => ({ userId, arm: assignArm(campaign.id, userId, campaign.shares) }));
        const [row] = await this.db.mutate(campaignQueries.assignMembers, {
          campaignId: id,
          members,
          now: toNeo4jDateTime(now),
          capSince,
          capContacts: int(this.options.frequencyCap.contacts),
        });
        requested += ids.length;
        found += row ? toSafeNumber(row.written) : 0;
        onProgress(requested);
      }
    }
    const [finished] = await this.db.mutate(campaignQueries.finishLaunch, { id, now: toNeo4jDateTime(now), notFound: int(requested - found) });
    if (!finished) throw new AppError(`Campaign ${id} changed status during its launch.`, 'CONFLICT');
    return { campaign: toCampaign(finished.campaign), ...(await this.launchCounts(id)) };
  }

  /** Each arm against the control (results.ts); null before the launch. */
  async results(campaign: Campaign, now: Date): Promise<CampaignResults | null> {
    if (campaign.status === 'DRAFT' || campaign.status === 'LAUNCHING') return null;
    return campaignResults(this.db, campaign, await this.launchCounts(campaign.id), this.options.channelCosts ?? {}, now);
  }

  /** Members and contacted members per arm, and users left out per reason, counted from the memberships. */
  async launchCounts(id: string): Promise<LaunchCounts> {
    const assigned: Record<string, number> = {};
    const contacted: Record<string, number> = {};
    const leftOut: Record<string, number> = {};
    for (const row of await this.db.query(campaignQueries.launchCounts, { id })) {
      if (row.arm !== '') {
        assigned[row.arm] = (assigned[row.arm] ?? 0) + toSafeNumber(row.users);
        contacted[row.arm] = (contacted[row.arm] ?? 0) + toSafeNumber(row.contacted);
      }
      if (row.leftOut !== '') leftOut[row.leftOut] = (leftOut[row.leftOut] ?? 0) + toSafeNumber(row.users);
    }
    return { assigned, contacted, leftOut };
  }
}
