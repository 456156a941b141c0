/**
 * A campaign's results: each arm against the control arm, with the statistics of
 * statistics.ts, each saying what it is (fixed-horizon or always-valid), and a sample-ratio
 * check of the assignment. Conversions are read from the event log per arm in one statement
 * (arm-conversions.cypher); members per arm from the launch's counts.
 */
import type { Integer } from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import type { Db } from '../db/db.js';
import { int, toSafeNumber } from '../db/values.js';
import type { Campaign, LaunchCounts } from './service.js';
import {
  cupedDifference,
  cupedTheta,
  type CupedSums,
  differenceVariance,
  mixtureSequentialTest,
  newcombeDifference,
  relativeUplift,
  revenueDifferenceInterval,
  sampleRatioMismatch,
  SRM_P_VALUE,
  type Interval,
} from './statistics.js';

const resultsQueries = {
  conversions: cypher<
    { arm: string; converted: Integer; amounts: number[]; firstAts: Integer[] },
    { id: string; kind: string; productId: string | null; category: string | null; interestId: string | null; withinDays: Integer }
  >('campaigns/arm-conversions'),
  prePeriod: cypher<
    { arm: string; before: Integer; beforeAndConverted: Integer },
    { id: string; kind: string; productId: string | null; category: string | null; interestId: string | null; withinDays: Integer }
  >('campaigns/arm-pre-period'),
};

/**
 * The mixture's spread for the always-valid test: effects of about 20 % of the control's rate
 * (Johari et al. choose τ from the effects expected; bench:campaigns checks the calibration).
 */
const MIXING_RELATIVE_EFFECT = 0.2;

export interface ArmUplift {
  /** p_arm − p_control, with Newcombe's 95 % interval (fixed horizon: valid for one look). */
  absolute: number;
  interval: Interval;
  /** p_arm / p_control − 1 (MOVER-R); null when the control converted nobody. */
  relativeInterval: Interval | null;
  /** The mSPRT's always-valid 95 % interval and p-value: valid however often results are read. */
  alwaysValidInterval: Interval;
  alwaysValidPValue: number;
  /** The always-valid interval excludes 0. */
  significant: boolean;
  /** Revenue per assigned user, arm minus control, with a Poisson-bootstrap 95 % interval. */
  revenuePerUser: number;
  revenueInterval: Interval;
  /** CUPED on the goal in the window before assignment (fixed horizon); null when that does not vary. */
  cuped: { difference: number; interval: Interval; varianceReduction: number } | null;
}

export interface ArmResult {
  arm: string;
  control: boolean;
  assigned: number;
  converted: number;
  conversionRate: number;
  revenuePerUser: number;
  /** Null for the control arm. */
  uplift: ArmUplift | null;
}

/** A channel's arms pooled against the control, and what reaching them cost where a cost per contact is configured. */
export interface ChannelResult {
  channel: string;
  arms: string[];
  assigned: number;
  contacted: number;
  converted: number;
  conversionRate: number;
  revenuePerUser: number;
  /** Conversion rate minus the control's, with Newcombe's 95 % interval (fixed horizon). */
  uplift: number;
  upliftInterval: Interval;
  /** (Revenue per member − the control's) × members: what the channel's arms earned over not contacting them. */
  incrementalRevenue: number;
  /** Contacted × CAMPAIGN_CHANNEL_COSTS[channel]; null without a configured cost. */
  spend: number | null;
  /** incrementalRevenue / spend; null without a cost (or a cost of 0). */
  returnOnSpend: number | null;
}

/** One arm as results stood at the end of a day since the launch. */
export interface ArmOnDay {
  arm: string;
  converted: number;
  conversionRate: number;
  /** Null for the control. */
  uplift: number | null;
  /** The always-valid interval as of that day, intersected with every earlier day's (a confidence sequence); null for the control. */
  alwaysValidInterval: Interval | null;
  significant: boolean | null;
}

export interface ResultsOnDay {
  /** Days since the launch (1: its first 24 h). */
  day: number;
  /** The end of that day: conversions before it count. */
  at: Date;
  arms: ArmOnDay[];
}

export interface CampaignResults {
  arms: ArmResult[];
  byChannel: ChannelResult[];
  /** Day by day since the launch, up to now or the end of the goal's window. */
  overTime: ResultsOnDay[];
  /** Pearson's chi-square of assigned counts against the shares; `mismatch` below p = 0.0005. */
  sampleRatio: { chiSquare: number; pValue: number; mismatch: boolean };
}

export async function campaignResults(
  db: Db,
  campaign: Campaign,
  counts: Pick<LaunchCounts, 'assigned' | 'contacted'>,
  channelCosts: Readonly<Record<string, number>>,
  now: Date,
): Promise<CampaignResults> {
  const { assigned } = counts;
  const goal = {
    id: campaign.id,
    kind: campaign.goal.kind,
    productId: campaign.goal.productId ?? null,
    category: campaign.goal.category ?? null,
    interestId: campaign.goal.interestId ?? null,
    withinDays: int(campaign.goal.withinDays),
  };
  const [rows, prePeriod] = await Promise.all([db.query(resultsQueries.conversions, goal), db.query(resultsQueries.prePeriod, goal)]);
  const before = new Map(prePeriod.map((row) => [row.arm, { before: toSafeNumber(row.before), beforeAndConverted: toSafeNumber(row.beforeAndConverted) }]));
  const byArm = new Map(
    rows.map((row) => [
      row.arm,
      { converted: toSafeNumber(row.converted), amounts: row.amounts, firstAts: row.firstAts.map(toSafeNumber).sort((a, b) => a - b) },
    ]),
  );
  const sample = (arm: string) => ({
    assigned: assigned[arm] ?? 0,
    converted: byArm.get(arm)?.converted ?? 0,
    amounts: byArm.get(arm)?.amounts ?? [],
  });
  const [controlShare] = campaign.shares;
  const control = sample(controlShare?.name ?? 'control');
  const cupedSums = (arm: string): CupedSums => ({
    ...sample(arm),
    before: before.get(arm)?.before ?? 0,
    beforeAndConverted: before.get(arm)?.beforeAndConverted ?? 0,
  });
  const allSums = campaign.shares.map((share) => cupedSums(share.name));
  const theta = cupedTheta(allSums);
  const members = allSums.reduce((sum, arm) => sum + arm.assigned, 0);
  const meanBefore = members === 0 ? 0 : allSums.reduce((sum, arm) => sum + arm.before, 0) / members;
  const rate = (arm: { converted: number; assigned: number }) => (arm.assigned === 0 ? 0 : arm.converted / arm.assigned);
  const revenuePerUser = (arm: { amounts: readonly number[]; assigned: number }) =>
    arm.assigned === 0 ? 0 : arm.amounts.reduce((sum, amount) => sum + amount, 0) / arm.assigned;
  const arms = campaign.shares.map((share, index): ArmResult => {
    const arm = sample(share.name);
    const base = {
      arm: share.name,
      control: index === 0,
      assigned: arm.assigned,
      converted: arm.converted,
      conversionRate: rate(arm),
      revenuePerUser: revenuePerUser(arm),
    };
    if (index === 0) return { ...base, uplift: null };
    const absolute = rate(arm) - rate(control);
    const variance = differenceVariance(arm, control);
    const mixing = Math.max(1e-8, (MIXING_RELATIVE_EFFECT * Math.max(rate(control), 1e-3)) ** 2);
    const sequential = mixtureSequentialTest(absolute, variance, mixing);
    const revenue = revenueDifferenceInterval(arm, control, { seed: index });
    return {
      ...base,
      uplift: {
        absolute,
        interval: newcombeDifference(arm, control),
        relativeInterval: relativeUplift(arm, control),
        alwaysValidInterval: asRateDifference(sequential.interval),
        alwaysValidPValue: sequential.pValue,
        significant: sequential.interval.low > 0 || sequential.interval.high < 0,
        revenuePerUser: revenue.difference,
        revenueInterval: revenue.interval,
        cuped: theta === 0 ? null : cupedDifference(cupedSums(share.name), cupedSums(controlShare?.name ?? 'control'), theta, meanBefore),
      },
    };
  });
  const launchedAt = campaign.launchedAt === null ? null : Date.parse(campaign.launchedAt);
  const srm = sampleRatioMismatch(
    campaign.shares.map((share) => assigned[share.name] ?? 0),
    campaign.shares.map((share) => share.share),
  );
  return {
    arms,
    byChannel: channelResults(campaign, arms, counts.contacted, control, channelCosts),
    overTime:
      launchedAt === null
        ? []
        : resultsOverTime(
            campaign.shares.map((share) => ({ arm: share.name, assigned: assigned[share.name] ?? 0, firstAts: byArm.get(share.name)?.firstAts ?? [] })),
            launchedAt,
            Math.min(now.getTime(), launchedAt + (campaign.goal.withinDays + 1) * DAY_MS),
          ),
    sampleRatio: { ...srm, mismatch: srm.pValue < SRM_P_VALUE },
  };
}

const DAY_MS = 86_400_000;

/**
 * A difference of two conversion rates lies in [−1, 1]: the normal approximation's interval is
 * cut to it (still valid, and an early look with a control that converted nobody no longer
 * reads "−3,650 to 3,741 percentage points").
 */
function asRateDifference(interval: Interval): Interval {
  return { low: Math.max(-1, interval.low), high: Math.min(1, interval.high) };
}

/**
 * Cumulative conversions per arm at the end of each day since the launch (the control first),
 * each arm against the control with the always-valid (mSPRT) interval: valid at every daily
 * look, and intersected with the earlier days' so the series is a confidence sequence (Johari
 * et al. 2017: the running intersection keeps the guarantee and only narrows).
 */
export function resultsOverTime(
  arms: readonly { arm: string; assigned: number; firstAts: readonly number[] }[],
  launchedAt: number,
  until: number,
): ResultsOnDay[] {
  const days = Math.max(0, Math.ceil((until - launchedAt) / DAY_MS));
  const [control] = arms;
  const running = new Map<string, Interval>();
  const series: ResultsOnDay[] = [];
  const convertedBy = (firstAts: readonly number[], at: number) => {
    let count = 0;
    while (count < firstAts.length && (firstAts[count] as number) < at) count += 1;
    return count;
  };
  for (let day = 1; day <= days; day += 1) {
    const at = launchedAt + day * DAY_MS;
    const controlNow = control ? { assigned: control.assigned, converted: convertedBy(control.firstAts, at) } : { assigned: 0, converted: 0 };
    const controlRate = controlNow.assigned === 0 ? 0 : controlNow.converted / controlNow.assigned;
    series.push({
      day,
      at: new Date(at),
      arms: arms.map((arm, index): ArmOnDay => {
        const now = { assigned: arm.assigned, converted: convertedBy(arm.firstAts, at) };
        const rate = now.assigned === 0 ? 0 : now.converted / now.assigned;
        if (index === 0) return { arm: arm.arm, converted: now.converted, conversionRate: rate, uplift: null, alwaysValidInterval: null, significant: null };
        const mixing = Math.max(1e-8, (MIXING_RELATIVE_EFFECT * Math.max(controlRate, 1e-3)) ** 2);
        const look = asRateDifference(mixtureSequentialTest(rate - controlRate, differenceVariance(now, controlNow), mixing).interval);
        const before = running.get(arm.arm) ?? { low: -Infinity, high: Infinity };
        const interval = { low: Math.max(before.low, look.low), high: Math.min(before.high, look.high) };
        running.set(arm.arm, interval);
        return {
          arm: arm.arm,
          converted: now.converted,
          conversionRate: rate,
          uplift: rate - controlRate,
          alwaysValidInterval: interval,
          significant: interval.low > 0 || interval.high < 0,
        };
      }),
    });
  }
  return series;
}

/** Each channel's arms pooled (a channel may carry several arms), in the order the arms were drafted. */
function channelResults(
  campaign: Campaign,
  arms: readonly ArmResult[],
  contacted: Readonly<Record<string, number>>,
  control: { assigned: number; converted: number },
  channelCosts: Readonly<Record<string, number>>,
): ChannelResult[] {
  const controlResult = arms[0];
  const channels = [...new Set(campaign.arms.map((arm) => arm.channel))];
  return channels.map((channel) => {
    const names = campaign.arms.filter((arm) => arm.channel === channel).map((arm) => arm.name);
    const pooled = arms.filter((arm) => names.includes(arm.arm));
    const assignedUsers = pooled.reduce((sum, arm) => sum + arm.assigned, 0);
    const converted = pooled.reduce((sum, arm) => sum + arm.converted, 0);
    const revenue = pooled.reduce((sum, arm) => sum + arm.revenuePerUser * arm.assigned, 0);
    const contactedUsers = names.reduce((sum, name) => sum + (contacted[name] ?? 0), 0);
    const rate = assignedUsers === 0 ? 0 : converted / assignedUsers;
    const revenuePerUser = assignedUsers === 0 ? 0 : revenue / assignedUsers;
    const incrementalRevenue = (revenuePerUser - (controlResult?.revenuePerUser ?? 0)) * assignedUsers;
    const cost = channelCosts[channel];
    const spend = cost === undefined ? null : contactedUsers * cost;
    return {
      channel,
      arms: names,
      assigned: assignedUsers,
      contacted: contactedUsers,
      converted,
      conversionRate: rate,
      revenuePerUser,
      uplift: rate - (controlResult?.conversionRate ?? 0),
      upliftInterval: newcombeDifference({ assigned: assignedUsers, converted }, control),
      incrementalRevenue,
      spend,
      returnOnSpend: spend === null || spend === 0 ? null : incrementalRevenue / spend,
    };
  });
}
