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
import type { Campaign } from './service.js';
import {
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
  conversions: cypher<{ arm: string; converted: Integer; amounts: number[] }, { id: string; kind: string; productId: string | null; withinDays: Integer }>(
    'campaigns/arm-conversions',
  ),
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

export interface CampaignResults {
  arms: ArmResult[];
  /** Pearson's chi-square of assigned counts against the shares; `mismatch` below p = 0.0005. */
  sampleRatio: { chiSquare: number; pValue: number; mismatch: boolean };
}

export async function campaignResults(db: Db, campaign: Campaign, assigned: Record<string, number>): Promise<CampaignResults> {
  const rows = await db.query(resultsQueries.conversions, {
    id: campaign.id,
    kind: campaign.goal.kind,
    productId: campaign.goal.productId ?? null,
    withinDays: int(campaign.goal.withinDays),
  });
  const byArm = new Map(rows.map((row) => [row.arm, { converted: toSafeNumber(row.converted), amounts: row.amounts }]));
  const sample = (arm: string) => ({
    assigned: assigned[arm] ?? 0,
    converted: byArm.get(arm)?.converted ?? 0,
    amounts: byArm.get(arm)?.amounts ?? [],
  });
  const [controlShare] = campaign.shares;
  const control = sample(controlShare?.name ?? 'control');
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
        alwaysValidInterval: sequential.interval,
        alwaysValidPValue: sequential.pValue,
        significant: sequential.interval.low > 0 || sequential.interval.high < 0,
        revenuePerUser: revenue.difference,
        revenueInterval: revenue.interval,
      },
    };
  });
  const srm = sampleRatioMismatch(
    campaign.shares.map((share) => assigned[share.name] ?? 0),
    campaign.shares.map((share) => share.share),
  );
  return { arms, sampleRatio: { ...srm, mismatch: srm.pValue < SRM_P_VALUE } };
}
