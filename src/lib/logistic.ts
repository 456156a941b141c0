/**
 * Logistic regression by batch gradient descent with a small L2 penalty, on features the caller
 * has standardised: small, dependency-free and explainable (a weight per named factor), which
 * is what the tag models need (src/tags/propensity-model.ts). And ROC AUC to judge a score.
 */
export interface LogisticFit {
  intercept: number;
  weights: number[];
}

export function fitLogistic(
  rows: readonly { x: readonly number[]; y: 0 | 1 }[],
  options: { iterations?: number; rate?: number; l2?: number } = {},
): LogisticFit {
  const width = rows[0]?.x.length ?? 0;
  const { iterations = 2_000, rate = 0.5, l2 = 0.01 } = options;
  const weights = new Array<number>(width).fill(0);
  let intercept = 0;
  for (let iteration = 0; iteration < iterations; iteration += 1) {
    const gradient = new Array<number>(width).fill(0);
    let gradientIntercept = 0;
    for (const row of rows) {
      let logit = intercept;
      for (let i = 0; i < width; i += 1) logit += (row.x[i] ?? 0) * (weights[i] ?? 0);
      const error = 1 / (1 + Math.exp(-logit)) - row.y;
      gradientIntercept += error;
      for (let i = 0; i < width; i += 1) gradient[i] = (gradient[i] ?? 0) + error * (row.x[i] ?? 0);
    }
    intercept -= (rate * gradientIntercept) / rows.length;
    for (let i = 0; i < width; i += 1) weights[i] = (weights[i] ?? 0) - rate * ((gradient[i] ?? 0) / rows.length + l2 * (weights[i] ?? 0));
  }
  return { intercept, weights };
}

/** ROC AUC as the Mann–Whitney statistic (ties count half). */
export function rocAuc(scores: readonly number[], labels: readonly boolean[]): number {
  const order = scores.map((score, index) => ({ score, label: labels[index] === true })).sort((a, b) => a.score - b.score);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j]?.score === order[i]?.score) j += 1;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k += 1) {
      if (order[k]?.label) {
        rankSum += averageRank;
        positives += 1;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / Math.max(1, positives * negatives);
}
