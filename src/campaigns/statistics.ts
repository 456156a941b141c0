/**
 * The statistics of a campaign's results: each arm against the control arm.
 *
 * - Conversion uplift (absolute): Newcombe's hybrid score interval for a difference of two
 *   proportions (Newcombe, "Interval estimation for the difference between independent
 *   proportions", Statistics in Medicine 1998, method 10), built from Wilson score intervals:
 *   good coverage at small counts and rates near 0, where the Wald interval fails.
 * - Conversion uplift (relative, p₁/p₀ − 1): MOVER-R from the same Wilson intervals (Donner &
 *   Zou, "Closed-form confidence intervals for functions of the normal mean and standard
 *   deviation", Statistical Methods in Medical Research 2012).
 * - Revenue per user: the difference of means with a percentile interval from the Poisson
 *   bootstrap (Chamandy et al., "Estimating uncertainty for massive data streams", Google
 *   2012): money is skewed (most users spend 0, a few spend a lot), which a t interval
 *   mis-covers at campaign sizes; the Poisson bootstrap needs one pass over the converters only.
 * - Anytime-valid: the mixture sequential probability ratio test with a normal mixture
 *   (Johari, Koomen, Pekelis & Walsh, "Peeking at A/B tests", KDD 2017 / "Always valid
 *   inference", 2017): its p-value and interval stay valid however often results are read,
 *   which a fixed-horizon interval read every day is not.
 * - Sample-ratio mismatch: Pearson's chi-square of assigned counts against the configured
 *   shares (Fabijan et al., "Diagnosing sample ratio mismatch in online controlled
 *   experiments", KDD 2019), flagged below p = 0.0005 as that paper's taxonomy suggests.
 */

import { createRandom } from '../lib/random.js';

/** A two-sided interval. */
export interface Interval {
  low: number;
  high: number;
}

/** Standard normal quantile (Wichura, Algorithm AS 241, Applied Statistics 1988; PPND16, ~1e-16). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1); got ${p}`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) * r + 13731.69376550946) * r + 1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((r * 5226.495278852546 + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) * r + 5394.196021424751) * r + 687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r + 0.2417807251774506) * r + 1.2704582524523684) * r + 3.6478483247632045) * r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((r * 1.0507500716444169e-9 + 0.0005475938084995345) * r + 0.015198666563616457) * r + 0.14810397642748008) * r + 0.6897673349851) * r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((r * 2.0103343992922881e-7 + 2.7115555687434876e-5) * r + 0.0012426609473880784) * r + 0.026532189526576124) * r + 0.29656057182850487) * r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r + 1.8463183175100548e-5) * r + 0.0007868691311456133) * r + 0.014875361290850615) * r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1);
  }
  return q < 0 ? -value : value;
}

/** ln Γ(x), x > 0 (Lanczos, g = 7, n = 9; ~15 digits). */
function logGamma(x: number): number {
  const coefficients = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905, -0.13857109526572012,
    9.984369578019572e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = coefficients[0] as number;
  for (let i = 1; i < 9; i += 1) sum += (coefficients[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Q(a, x) = Γ(a, x) / Γ(a), the regularized upper incomplete gamma (Numerical Recipes §6.2: series below a + 1, Lentz's continued fraction above). */
function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const logPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000 && Math.abs(term) > Math.abs(sum) * 1e-15; n += 1) {
      term *= x / (a + n);
      sum += term;
    }
    return 1 - sum * Math.exp(logPrefix);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i += 1) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(logPrefix) * h;
}

/** P(X ≥ x) for X ~ χ²(df). */
export function chiSquareSurvival(x: number, df: number): number {
  return regularizedGammaQ(df / 2, x / 2);
}

/** Wilson score interval for x successes in n trials (Wilson 1927). */
export function wilsonInterval(x: number, n: number, z: number): Interval {
  if (n === 0) return { low: 0, high: 1 };
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Conversions of one arm. */
export interface Proportion {
  converted: number;
  assigned: number;
}

const rate = (arm: Proportion) => (arm.assigned === 0 ? 0 : arm.converted / arm.assigned);

/** Newcombe's hybrid score interval for p₁ − p₀ (method 10). */
export function newcombeDifference(treatment: Proportion, control: Proportion, confidence = 0.95): Interval {
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p1 = rate(treatment);
  const p0 = rate(control);
  const w1 = wilsonInterval(treatment.converted, treatment.assigned, z);
  const w0 = wilsonInterval(control.converted, control.assigned, z);
  const d = p1 - p0;
  return {
    low: d - Math.sqrt((p1 - w1.low) ** 2 + (w0.high - p0) ** 2),
    high: d + Math.sqrt((w1.high - p1) ** 2 + (p0 - w0.low) ** 2),
  };
}

/**
 * MOVER-R interval for p₁/p₀ − 1 (the relative uplift) from Wilson intervals; null when the
 * control converted nobody (no ratio), and an unbounded high end when its interval reaches 0.
 */
export function relativeUplift(treatment: Proportion, control: Proportion, confidence = 0.95): Interval | null {
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p1 = rate(treatment);
  const p0 = rate(control);
  if (p0 === 0) return null;
  const w1 = wilsonInterval(treatment.converted, treatment.assigned, z);
  const w0 = wilsonInterval(control.converted, control.assigned, z);
  const product = p1 * p0;
  const lowRoot = product ** 2 - w1.low * w0.high * (2 * p1 - w1.low) * (2 * p0 - w0.high);
  const highRoot = product ** 2 - w1.high * w0.low * (2 * p1 - w1.high) * (2 * p0 - w0.low);
  const low = (product - Math.sqrt(Math.max(0, lowRoot))) / (w0.high * (2 * p0 - w0.high));
  const highDenominator = w0.low * (2 * p0 - w0.low);
  const high = highDenominator <= 0 ? Infinity : (product + Math.sqrt(Math.max(0, highRoot))) / highDenominator;
  return { low: low - 1, high: high - 1 };
}

/**
 * The mSPRT for a difference of means with a N(0, τ²) mixture over the effect, on the normal
 * approximation of the estimate (Johari et al. 2017, §4): Λ = √(V/(V+τ²)) · exp(τ²θ̂² / (2V(V+τ²))),
 * where θ̂ is the observed difference and V its variance. The always-valid p-value is
 * min(1, 1/Λ) (callers keep the running minimum over looks); the interval is the set of
 * effects the test would not reject at α: θ̂ ± √(V(V+τ²)/τ² · (2 ln(1/α) + ln((V+τ²)/V))).
 */
export function mixtureSequentialTest(difference: number, variance: number, mixingVariance: number, alpha = 0.05): { pValue: number; interval: Interval } {
  if (!(variance > 0) || !(mixingVariance > 0)) return { pValue: 1, interval: { low: -Infinity, high: Infinity } };
  const total = variance + mixingVariance;
  const logLikelihoodRatio = 0.5 * Math.log(variance / total) + (mixingVariance * difference ** 2) / (2 * variance * total);
  const pValue = Math.min(1, Math.exp(-logLikelihoodRatio));
  const half = Math.sqrt(((variance * total) / mixingVariance) * (2 * Math.log(1 / alpha) + Math.log(total / variance)));
  return { pValue, interval: { low: difference - half, high: difference + half } };
}

/** The variance of p̂₁ − p̂₀ (unpooled), for the sequential test and the fixed-horizon z. */
export function differenceVariance(treatment: Proportion, control: Proportion): number {
  const p1 = rate(treatment);
  const p0 = rate(control);
  return (p1 * (1 - p1)) / Math.max(1, treatment.assigned) + (p0 * (1 - p0)) / Math.max(1, control.assigned);
}

/**
 * Pearson's chi-square of each arm's assigned count against its configured share. Returns the
 * statistic and its p-value (df = arms − 1); a tiny p-value means the assignment is broken.
 */
export function sampleRatioMismatch(assigned: readonly number[], shares: readonly number[]): { chiSquare: number; pValue: number } {
  const total = assigned.reduce((sum, count) => sum + count, 0);
  if (total === 0 || assigned.length < 2) return { chiSquare: 0, pValue: 1 };
  let chiSquare = 0;
  assigned.forEach((count, index) => {
    const expected = total * (shares[index] ?? 0);
    if (expected > 0) chiSquare += (count - expected) ** 2 / expected;
  });
  return { chiSquare, pValue: chiSquareSurvival(chiSquare, assigned.length - 1) };
}

/** SRM flags below this p-value (Fabijan et al. 2019). */
export const SRM_P_VALUE = 0.0005;

/** One arm's revenue: what its converters spent (non-converters spent 0). */
export interface RevenueSample {
  assigned: number;
  /** One amount per converting user (their revenue within the goal window). */
  amounts: readonly number[];
}

/**
 * Percentile interval for the difference in revenue per assigned user from the Poisson
 * bootstrap: each replicate weighs every converter by a Poisson(1) draw and the
 * non-converters by one Poisson(n − k) draw, so a replicate costs one pass over the converters.
 * Deterministic for a seed.
 */
export function revenueDifferenceInterval(
  treatment: RevenueSample,
  control: RevenueSample,
  options: { confidence?: number; replicates?: number; seed?: number } = {},
): { difference: number; interval: Interval } {
  const { confidence = 0.95, replicates = 2_000, seed = 1 } = options;
  // Seeded: the same interval on every read of the results.
  const random = createRandom(seed);
  const mean = (sample: RevenueSample) => (sample.assigned === 0 ? 0 : sample.amounts.reduce((sum, amount) => sum + amount, 0) / sample.assigned);
  const replicate = (sample: RevenueSample) => {
    let weight = poisson(random, sample.assigned - sample.amounts.length);
    let total = 0;
    for (const amount of sample.amounts) {
      const w = poisson(random, 1);
      weight += w;
      total += w * amount;
    }
    return weight === 0 ? 0 : total / weight;
  };
  const differences = Array.from({ length: replicates }, () => replicate(treatment) - replicate(control)).sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  const at = (q: number) => differences[Math.min(replicates - 1, Math.max(0, Math.floor(q * replicates)))] as number;
  return { difference: mean(treatment) - mean(control), interval: { low: at(tail), high: at(1 - tail) } };
}

/** A Poisson(λ) draw: Knuth's product method for small λ, a rounded normal above 30 (the error is far below the bootstrap's own). */
function poisson(random: () => number, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) {
    const u = Math.max(Number.EPSILON, random());
    const draw = Math.round(lambda + Math.sqrt(lambda) * normalQuantile(Math.min(1 - Number.EPSILON, u)));
    return Math.max(0, draw);
  }
  const limit = Math.exp(-lambda);
  let k = 0;
  let product = random();
  while (product > limit) {
    k += 1;
    product *= random();
  }
  return k;
}

/**
 * One arm's sums for CUPED with a binary pre-period covariate X (did the goal in the window
 * before assignment) and a binary outcome Y (converted): n members, ΣX, ΣY and ΣXY (X² = X and
 * Y² = Y, so these are all the moments).
 */
export interface CupedSums {
  assigned: number;
  /** ΣX: members who did the goal in the pre-period. */
  before: number;
  /** ΣY: members who converted. */
  converted: number;
  /** ΣXY: both. */
  beforeAndConverted: number;
}

/** The pooled slope θ = Cov(X, Y) / Var(X) over every arm (Deng et al., WSDM 2013); 0 when X does not vary. */
export function cupedTheta(arms: readonly CupedSums[]): number {
  const n = arms.reduce((sum, arm) => sum + arm.assigned, 0);
  if (n === 0) return 0;
  const meanX = arms.reduce((sum, arm) => sum + arm.before, 0) / n;
  const meanY = arms.reduce((sum, arm) => sum + arm.converted, 0) / n;
  const varX = meanX - meanX ** 2;
  const covXY = arms.reduce((sum, arm) => sum + arm.beforeAndConverted, 0) / n - meanX * meanY;
  return varX > 0 ? covXY / varX : 0;
}

/**
 * CUPED (Deng, Xu, Kohavi, Walker, WSDM 2013): the difference of Y − θ(X − x̄) between arm and
 * control, which has the plain difference's expectation (X is measured before assignment, so
 * its means do not differ between arms in expectation) and a variance smaller by the factor
 * 1 − ρ² where X predicts Y. Normal 95 % interval; `varianceReduction` is 1 − V_cuped / V_plain.
 * Null when neither arm's covariate varies.
 */
export function cupedDifference(
  arm: CupedSums,
  control: CupedSums,
  theta: number,
  overallMeanX: number,
  confidence = 0.95,
): { difference: number; interval: Interval; varianceReduction: number } | null {
  if (arm.assigned < 2 || control.assigned < 2) return null;
  const moments = (sums: CupedSums) => {
    const n = sums.assigned;
    const meanX = sums.before / n;
    const meanY = sums.converted / n;
    const varX = meanX - meanX ** 2;
    const varY = meanY - meanY ** 2;
    const cov = sums.beforeAndConverted / n - meanX * meanY;
    return { n, meanX, meanY, varY, varAdjusted: Math.max(0, varY + theta ** 2 * varX - 2 * theta * cov) };
  };
  const a = moments(arm);
  const c = moments(control);
  const plain = a.varY / a.n + c.varY / c.n;
  if (!(plain > 0)) return null;
  const adjusted = a.varAdjusted / a.n + c.varAdjusted / c.n;
  const difference = a.meanY - theta * (a.meanX - overallMeanX) - (c.meanY - theta * (c.meanX - overallMeanX));
  const half = normalQuantile(1 - (1 - confidence) / 2) * Math.sqrt(adjusted);
  return { difference, interval: { low: difference - half, high: difference + half }, varianceReduction: 1 - adjusted / plain };
}
