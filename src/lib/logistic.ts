/**
 * Logistic regression (Newton's method, L2-penalised) and ROC AUC to judge a score: small,
 * dependency-free and explainable (a weight per named factor), for the models that rank with a
 * few features: lookalike stacking (src/lookalike/stacking.ts) and purchase propensity
 * (src/tags/propensity-model.ts).
 */
const NEWTON_STEPS = 30;

/** A fitted model: coefficients on the standardised features, plus an intercept, and the standardisation. */
export interface LogisticModel {
  intercept: number;
  coefficients: Float64Array;
  mean: Float64Array;
  scale: Float64Array;
}

/** Solves A x = b (A symmetric positive definite, small) by Gaussian elimination with pivoting. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let row = col + 1; row < n; row += 1) if (Math.abs(m[row * n + col] as number) > Math.abs(m[pivot * n + col] as number)) pivot = row;
    if (pivot !== col) {
      for (let k = 0; k < n; k += 1) [m[col * n + k], m[pivot * n + k]] = [m[pivot * n + k] as number, m[col * n + k] as number];
      [x[col], x[pivot]] = [x[pivot] as number, x[col] as number];
    }
    const diagonal = m[col * n + col] as number;
    if (Math.abs(diagonal) < 1e-12) continue;
    for (let row = col + 1; row < n; row += 1) {
      const factor = (m[row * n + col] as number) / diagonal;
      if (factor === 0) continue;
      for (let k = col; k < n; k += 1) m[row * n + k] = (m[row * n + k] as number) - factor * (m[col * n + k] as number);
      x[row] = (x[row] as number) - factor * (x[col] as number);
    }
  }
  for (let row = n - 1; row >= 0; row -= 1) {
    let sum = x[row] as number;
    for (let k = row + 1; k < n; k += 1) sum -= (m[row * n + k] as number) * (x[k] as number);
    const diagonal = m[row * n + row] as number;
    x[row] = Math.abs(diagonal) < 1e-12 ? 0 : sum / diagonal;
  }
  return x;
}

/** The rows' non-zero entries, row by row (columns ascending). */
function nonZeros(features: Float64Array, n: number, width: number): { rowStart: Uint32Array; columns: Uint16Array; values: Float64Array } {
  let count = 0;
  for (let e = 0; e < n * width; e += 1) if (features[e] !== 0) count += 1;
  const rowStart = new Uint32Array(n + 1);
  const columns = new Uint16Array(count);
  const values = new Float64Array(count);
  let at = 0;
  for (let i = 0; i < n; i += 1) {
    rowStart[i] = at;
    for (let j = 0; j < width; j += 1) {
      const x = features[i * width + j] as number;
      if (x === 0) continue;
      columns[at] = j;
      values[at] = x;
      at += 1;
    }
  }
  rowStart[n] = at;
  return { rowStart, columns, values };
}

/**
 * L2-penalised logistic regression by Newton's method (iteratively reweighted least squares) on
 * rows labelled 1/0, `width` features per row (row-major). Features are standardised first (a
 * constant column gets coefficient 0 and scale 0). The penalty is `penalty / 2 · Σ β²` over the
 * coefficients (not the intercept), against the summed log-loss: it converges in a few passes over
 * the rows where gradient descent took a thousand (purchase propensity's fit: 2.2 s → 50 ms on
 * 37,000 examples). `start`: a model fitted on similar rows (the other folds' rows), to begin
 * Newton's method near the answer; the answer is the same (the objective is strictly convex).
 */
export function fitLogistic(features: Float64Array, labels: Uint8Array, width: number, penalty: number, start?: LogisticModel): LogisticModel {
  const n = labels.length;
  const mean = new Float64Array(width);
  const scale = new Float64Array(width);
  for (let i = 0; i < n; i += 1) for (let j = 0; j < width; j += 1) mean[j] = (mean[j] as number) + (features[i * width + j] as number) / n;
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j < width; j += 1) scale[j] = (scale[j] as number) + ((features[i * width + j] as number) - (mean[j] as number)) ** 2 / n;
  }
  for (let j = 0; j < width; j += 1) scale[j] = Math.sqrt(scale[j] as number) > 1e-9 ? Math.sqrt(scale[j] as number) : 0;
  // Parameters: [intercept, coefficients…] on the standardised features; constant columns stay at 0.
  const size = width + 1;
  const beta = new Float64Array(size);
  if (start) {
    // The start's raw slopes and offset, in this fit's standardisation.
    beta[0] = start.intercept;
    for (let j = 0; j < width; j += 1) {
      const slope = start.scale[j] ? (start.coefficients[j] as number) / (start.scale[j] as number) : 0;
      beta[0] = (beta[0] as number) + slope * ((mean[j] as number) - (start.mean[j] as number));
      beta[j + 1] = slope * (scale[j] as number);
    }
  }
  // Each pass sums over the raw features, which are mostly 0 in the lookalike's rows (a candidate
  // is listed by one or two of four signals), and standardises the sums afterwards: the same
  // Newton step as summing standardised rows, whose every entry is non-zero, in a third of the time.
  const { rowStart, columns, values } = nonZeros(features, n, width);
  const slope = new Float64Array(width);
  const residualSums = new Float64Array(width);
  const weightedSums = new Float64Array(width);
  const crossSums = new Float64Array(width * width);
  for (let step = 0; step < NEWTON_STEPS; step += 1) {
    // z = β0 + Σ βj (xj − mj) / sj = offset + Σ slopej · xj
    let offset = beta[0] as number;
    for (let j = 0; j < width; j += 1) {
      slope[j] = scale[j] ? (beta[j + 1] as number) / (scale[j] as number) : 0;
      offset -= (slope[j] as number) * (mean[j] as number);
    }
    residualSums.fill(0);
    weightedSums.fill(0);
    crossSums.fill(0);
    let residualTotal = 0;
    let weightTotal = 0;
    for (let i = 0; i < n; i += 1) {
      const end = rowStart[i + 1] as number;
      let z = offset;
      for (let e = rowStart[i] as number; e < end; e += 1) z += (slope[columns[e] as number] as number) * (values[e] as number);
      const p = 1 / (1 + Math.exp(-z));
      const residual = p - (labels[i] as number);
      const curvature = Math.max(p * (1 - p), 1e-9);
      residualTotal += residual;
      weightTotal += curvature;
      for (let e = rowStart[i] as number; e < end; e += 1) {
        const j = columns[e] as number;
        const xj = values[e] as number;
        residualSums[j] = (residualSums[j] as number) + residual * xj;
        weightedSums[j] = (weightedSums[j] as number) + curvature * xj;
        const weighted = curvature * xj;
        for (let f = e; f < end; f += 1) {
          const k = columns[f] as number;
          crossSums[j * width + k] = (crossSums[j * width + k] as number) + weighted * (values[f] as number);
        }
      }
    }
    // The sums in standardised terms: x' = (x − m) / s.
    const gradient = new Float64Array(size);
    const hessian = new Float64Array(size * size);
    gradient[0] = residualTotal;
    hessian[0] = weightTotal + 1e-9;
    for (let j = 0; j < width; j += 1) {
      const sj = scale[j] as number;
      if (!sj) continue;
      const mj = mean[j] as number;
      gradient[j + 1] = ((residualSums[j] as number) - mj * residualTotal) / sj;
      hessian[j + 1] = ((weightedSums[j] as number) - mj * weightTotal) / sj;
      hessian[(j + 1) * size] = hessian[j + 1] as number;
      for (let k = j; k < width; k += 1) {
        const sk = scale[k] as number;
        if (!sk) continue;
        const mk = mean[k] as number;
        const cross =
          ((crossSums[j * width + k] as number) - mj * (weightedSums[k] as number) - mk * (weightedSums[j] as number) + mj * mk * weightTotal) / (sj * sk);
        hessian[(j + 1) * size + k + 1] = cross;
        hessian[(k + 1) * size + j + 1] = cross;
      }
    }
    for (let j = 1; j < size; j += 1) {
      if (!scale[j - 1]) {
        // A constant column: pin its coefficient at 0.
        hessian[j * size + j] = 1;
        gradient[j] = beta[j] as number;
        continue;
      }
      gradient[j] = (gradient[j] as number) + penalty * (beta[j] as number);
      hessian[j * size + j] = (hessian[j * size + j] as number) + penalty;
    }
    const delta = solve(hessian, gradient, size);
    let largest = 0;
    for (let j = 0; j < size; j += 1) {
      beta[j] = (beta[j] as number) - (delta[j] as number);
      largest = Math.max(largest, Math.abs(delta[j] as number));
    }
    if (largest < 1e-7) break;
  }
  return { intercept: beta[0] as number, coefficients: beta.slice(1), mean, scale };
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
