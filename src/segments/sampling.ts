/**
 * Previews and portraits of large populations from a uniform sample of users, with the error bar
 * shown. Evaluating a rule reads every consenting user (the planner cannot narrow an arbitrary
 * rule by an index): 537 ms for a 3-clause preview at 100,000 users, about 5 s at a million. Above
 * SAMPLE_ABOVE_USERS consenting users, the rule is evaluated for the users whose sample key is
 * below f = SAMPLE_USERS / population (read through the user_sample_key index), and a count k in
 * the sample estimates k / f, with a 95 % interval. Below it every count is exact.
 *
 * Each user is in the sample independently with probability f (keys are uniform), so k is
 * binomial: Var(k / f) = M (1 − f) / f for M true members, estimated with k in place of M f
 * (normal approximation; k < 10 gets the interval of k = 10, where it is poor).
 */

export interface SizeEstimate {
  /** Consenting users in the sample, in expectation (the population × fraction). */
  sampledUsers: number;
  fraction: number;
  /** 95 % interval of the estimated size. */
  low: number;
  high: number;
}

/** Decides, per request, whether to sample and how much. */
export interface Sampling {
  /** null: count exactly (population at or below the threshold, or sampling off). */
  fraction(): Promise<number | null>;
  /** Consenting users a sample of this fraction holds, in expectation. */
  sampledUsers(fraction: number): Promise<number>;
  /**
   * Fewer members than this in the sample (1 % of its users) and the group is counted exactly
   * instead: the estimate would be off by more than ±6 %, and a portrait would hide most of its
   * buckets (k-anonymity applies to the counts as read). Narrow rules are exact, broad ones fast.
   */
  minMembers: number;
}

/**
 * Samples `sampleUsers` users (SAMPLE_USERS, 50,000: ±0.6 percentage points on a share near
 * one half at a million users, ±0.4 with 100,000) when more than `aboveUsers`
 * (SAMPLE_ABOVE_USERS; 0: never) may be profiled. A sampled rule costs ~18 µs per sampled user
 * on two cores at a million users (each per-user check walks the user's relationship chain), so
 * 50,000 keeps a 3-clause preview under a second (0.9 s; 1.8 s with 100,000).
 */
export function populationSampling(population: () => Promise<number>, settings: { aboveUsers: number; sampleUsers: number }): Sampling {
  return {
    async fraction() {
      if (settings.aboveUsers <= 0) return null;
      const users = await population();
      const fraction = settings.sampleUsers / users;
      return users > settings.aboveUsers && fraction < 1 ? fraction : null;
    },
    sampledUsers: async (fraction) => Math.round((await population()) * fraction),
    minMembers: Math.ceil(settings.sampleUsers / 100),
  };
}

export const NO_SAMPLING: Sampling = { fraction: async () => null, sampledUsers: async () => 0, minMembers: 0 };

/** A count in the sample, scaled to the population. */
export function scaled(sampleCount: number, fraction: number): number {
  return Math.round(sampleCount / fraction);
}

export function sizeEstimate(sampleCount: number, fraction: number, sampledUsers: number): SizeEstimate {
  const halfWidth = (1.96 * Math.sqrt(Math.max(10, sampleCount) * (1 - fraction))) / fraction;
  const value = sampleCount / fraction;
  return { sampledUsers, fraction, low: Math.max(0, Math.floor(value - halfWidth)), high: Math.ceil(value + halfWidth) };
}
