/**
 * Value tiers from RFM (recency, frequency, monetary), the customer-value model of direct
 * marketing (Hughes, "Strategic Database Marketing"): each buyer gets a 1–5 score per part
 * from the quintiles of the buyers scored in the same run, and the three scores map to a
 * tier. Users who never bought hold no tier.
 */

/** A buyer's RFM inputs at the moment of scoring. */
export interface RfmInputs {
  /** Days since the last purchase. */
  recencyDays: number;
  /** Purchases in the last 365 days. */
  frequency: number;
  /** Spend in the last 365 days. */
  monetary: number;
}

/** The quintile cut points (20, 40, 60, 80 %) of each part over the scored buyers. */
export interface RfmCuts {
  recency: number[];
  frequency: number[];
  monetary: number[];
}

export const VALUE_TIERS = ['HIGH_VALUE', 'LOYAL', 'PROMISING', 'NEEDS_ATTENTION', 'AT_RISK', 'HIBERNATING'] as const;
export type ValueTier = (typeof VALUE_TIERS)[number];

export interface RfmScore {
  tier: ValueTier;
  /** 1 (worst) … 5 (best): recent, frequent, big spenders score 5. */
  recency: number;
  frequency: number;
  monetary: number;
}

function quintileCuts(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return [0.2, 0.4, 0.6, 0.8].map((q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
}

export function rfmCuts(buyers: readonly RfmInputs[]): RfmCuts {
  return {
    recency: quintileCuts(buyers.map((buyer) => buyer.recencyDays)),
    frequency: quintileCuts(buyers.map((buyer) => buyer.frequency)),
    monetary: quintileCuts(buyers.map((buyer) => buyer.monetary)),
  };
}

/** 1 + the cut points strictly below the value: ties share a score, so heavy ties cannot split arbitrarily. */
const above = (value: number, cuts: number[]) => 1 + cuts.filter((cut) => value > cut).length;

/**
 * The tier rules, in order (first match wins):
 * HIGH_VALUE R≥4 F≥4 M≥4 · LOYAL F≥4 R≥3 · PROMISING R≥4 (recent, not yet frequent) ·
 * AT_RISK R≤2 with F≥3 or M≥3 (good customers gone quiet) · HIBERNATING R≤2 · NEEDS_ATTENTION otherwise.
 */
export function scoreRfm(inputs: RfmInputs, cuts: RfmCuts): RfmScore {
  const recency = 6 - above(inputs.recencyDays, cuts.recency); // fewer days is better
  const frequency = above(inputs.frequency, cuts.frequency);
  const monetary = above(inputs.monetary, cuts.monetary);
  const tier: ValueTier =
    recency >= 4 && frequency >= 4 && monetary >= 4
      ? 'HIGH_VALUE'
      : frequency >= 4 && recency >= 3
        ? 'LOYAL'
        : recency >= 4
          ? 'PROMISING'
          : recency <= 2 && (frequency >= 3 || monetary >= 3)
            ? 'AT_RISK'
            : recency <= 2
              ? 'HIBERNATING'
              : 'NEEDS_ATTENTION';
  return { tier, recency, frequency, monetary };
}
