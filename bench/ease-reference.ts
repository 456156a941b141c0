/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019), the reference
 * recommender bench:recommendations compares AUTO with. Closed form: with G = XᵀX + λI over the
 * binary user × item matrix X, P = G⁻¹ and B_ij = −P_ij / P_jj (B_jj = 0); a user's scores are
 * x_u B. Dense in the items, so it is computed over the items with at least `minUsers` users
 * in the training data (an item below that is never recommended by it, and a hidden one counts
 * as a miss): n³ work for the inverse, ~2,500 items for Last.fm at 5 users.
 */
import { compareIds } from '../src/lib/compare-ids.js';

export interface EaseModel {
  /** Item ids, in the order of the matrix's rows. */
  items: string[];
  /** Row-major n × n weights; B[i * n + j] is what owning item i adds to item j. */
  weights: Float64Array;
}

export function fitEase(train: ReadonlyMap<string, ReadonlySet<string>>, lambda: number, minUsers: number): EaseModel {
  const users = new Map<string, number>();
  for (const items of train.values()) for (const item of items) users.set(item, (users.get(item) ?? 0) + 1);
  const items = [...users].filter(([, count]) => count >= minUsers).map(([item]) => item);
  items.sort((a, b) => Number(a) - Number(b) || compareIds(a, b));
  const index = new Map(items.map((item, i) => [item, i]));
  const n = items.length;
  const g = new Float64Array(n * n);
  for (const owned of train.values()) {
    const rows = [...owned].flatMap((item) => {
      const i = index.get(item);
      return i === undefined ? [] : [i];
    });
    for (const i of rows) for (const j of rows) g[i * n + j] = (g[i * n + j] ?? 0) + 1;
  }
  for (let i = 0; i < n; i += 1) g[i * n + i] = (g[i * n + i] ?? 0) + lambda;
  const p = invertSymmetricPositiveDefinite(g, n);
  const weights = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j < n; j += 1) if (i !== j) weights[i * n + j] = -(p[i * n + j] ?? 0) / (p[j * n + j] ?? 1);
  }
  return { items, weights };
}

/** The top `k` items for a user who owns `owned`, owned items left out. */
export function easeTop(model: EaseModel, owned: ReadonlySet<string>, k: number): string[] {
  const n = model.items.length;
  const scores = new Float64Array(n);
  model.items.forEach((item, i) => {
    if (!owned.has(item)) return;
    const row = model.weights.subarray(i * n, (i + 1) * n);
    for (let j = 0; j < n; j += 1) scores[j] = (scores[j] ?? 0) + (row[j] ?? 0);
  });
  return model.items
    .map((item, j) => ({ item, score: scores[j] ?? 0 }))
    .filter(({ item }) => !owned.has(item))
    .sort((a, b) => b.score - a.score || Number(a.item) - Number(b.item) || compareIds(a.item, b.item))
    .slice(0, k)
    .map(({ item }) => item);
}

/** G⁻¹ for a symmetric positive definite G (row-major n × n): Cholesky G = LLᵀ, then L⁻¹, then L⁻ᵀL⁻¹. */
function invertSymmetricPositiveDefinite(g: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j += 1) {
    const rowJ = j * n;
    let diagonal = g[rowJ + j] ?? 0;
    for (let k = 0; k < j; k += 1) diagonal -= (l[rowJ + k] ?? 0) ** 2;
    if (diagonal <= 0) throw new Error('EASE: the Gram matrix is not positive definite (λ too small?)');
    const ljj = Math.sqrt(diagonal);
    l[rowJ + j] = ljj;
    for (let i = j + 1; i < n; i += 1) {
      const rowI = i * n;
      let sum = g[rowI + j] ?? 0;
      for (let k = 0; k < j; k += 1) sum -= (l[rowI + k] ?? 0) * (l[rowJ + k] ?? 0);
      l[rowI + j] = sum / ljj;
    }
  }
  // M = L⁻¹ (lower triangular), by forward substitution, one column at a time.
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    const rowI = i * n;
    const lii = l[rowI + i] ?? 1;
    m[rowI + i] = 1 / lii;
    for (let j = 0; j < i; j += 1) {
      let sum = 0;
      for (let k = j; k < i; k += 1) sum -= (l[rowI + k] ?? 0) * (m[k * n + j] ?? 0);
      m[rowI + j] = sum / lii;
    }
  }
  // G⁻¹ = MᵀM: entry (i, j) sums over k ≥ max(i, j) of M_ki M_kj.
  const inverse = new Float64Array(n * n);
  for (let k = 0; k < n; k += 1) {
    const rowK = k * n;
    for (let i = 0; i <= k; i += 1) {
      const mki = m[rowK + i] ?? 0;
      if (mki === 0) continue;
      const rowI = i * n;
      for (let j = 0; j <= i; j += 1) inverse[rowI + j] = (inverse[rowI + j] ?? 0) + mki * (m[rowK + j] ?? 0);
    }
  }
  for (let i = 0; i < n; i += 1) for (let j = 0; j < i; j += 1) inverse[j * n + i] = inverse[i * n + j] ?? 0;
  return inverse;
}
