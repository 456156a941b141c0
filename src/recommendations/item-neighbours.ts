/**
 * Item-to-item neighbours for ALSO_ENGAGED, computed by the RECOMMENDATIONS job so that a
 * request reads its user's products' lists instead of walking users → products → users →
 * products (110 ms per user at 100,000 users, bounded by sampling; docs/ALGORITHMS.md).
 *
 * Cosine over co-engagement (Sarwar et al., WWW 2001; Deshpande & Karypis, TOIS 2004):
 * sim(j, p) = co(j, p) / √(n_j · n_p), co counting consenting users who engaged with both and n
 * a product's consenting engagers. Exact: for each product, every engager's every product is
 * counted (Σ over users of their products² in all), then the best `keep` are kept.
 */
import { compareIds } from '../lib/compare-ids.js';
import { TopK } from '../lib/top-k.js';

/** Users' engaged products as compressed rows: user u's products are products[offsets[u] .. offsets[u + 1]). */
export interface Engagements {
  productIds: string[];
  offsets: Uint32Array;
  products: Uint32Array;
}

export interface Neighbours {
  /** Neighbour product indices of each product, most similar first. */
  ids: Uint32Array[];
  similarities: Float64Array[];
}

/** Compressed rows from (user, product indices) lists. */
export function engagementsFrom(productIds: string[], users: readonly (readonly number[])[]): Engagements {
  const offsets = new Uint32Array(users.length + 1);
  users.forEach((products, u) => (offsets[u + 1] = (offsets[u] ?? 0) + products.length));
  const products = new Uint32Array(offsets[users.length] ?? 0);
  users.forEach((list, u) => products.set(list, offsets[u] ?? 0));
  return { productIds, offsets, products };
}

export function itemNeighbours(engagements: Engagements, keep: number): Neighbours {
  const { productIds, offsets, products } = engagements;
  const userCount = offsets.length - 1;
  const productCount = productIds.length;
  // Product → users, the transpose.
  const engagers = new Uint32Array(productCount);
  for (const p of products) engagers[p] = (engagers[p] ?? 0) + 1;
  const start = new Uint32Array(productCount + 1);
  for (let p = 0; p < productCount; p++) start[p + 1] = (start[p] ?? 0) + (engagers[p] ?? 0);
  const fill = start.slice(0, productCount);
  const users = new Uint32Array(products.length);
  for (let u = 0; u < userCount; u++) {
    for (let at = offsets[u] ?? 0; at < (offsets[u + 1] ?? 0); at++) {
      const p = products[at] ?? 0;
      const slot = fill[p] ?? 0;
      users[slot] = u;
      fill[p] = slot + 1;
    }
  }

  const co = new Uint32Array(productCount);
  const touched: number[] = [];
  const ids: Uint32Array[] = [];
  const similarities: Float64Array[] = [];
  for (let p = 0; p < productCount; p++) {
    for (let at = start[p] ?? 0; at < (start[p + 1] ?? 0); at++) {
      const u = users[at] ?? 0;
      for (let k = offsets[u] ?? 0; k < (offsets[u + 1] ?? 0); k++) {
        const q = products[k] ?? 0;
        if (q === p) continue;
        if (co[q] === 0) touched.push(q);
        co[q] = (co[q] ?? 0) + 1;
      }
    }
    const best = bestNeighbours(p, touched, co, engagers, productIds, keep);
    for (const q of touched) co[q] = 0;
    touched.length = 0;
    ids.push(Uint32Array.from(best, (entry) => entry.q));
    similarities.push(Float64Array.from(best, (entry) => entry.similarity));
  }
  return { ids, similarities };
}

/** The `keep` most similar of the touched products (ties by id). */
function bestNeighbours(
  p: number,
  touched: readonly number[],
  co: Uint32Array,
  engagers: Uint32Array,
  productIds: readonly string[],
  keep: number,
): { q: number; similarity: number }[] {
  const best = new TopK<{ q: number; similarity: number }>(
    keep,
    (entry) => entry.similarity,
    (a, b) => b.similarity - a.similarity || compareIds(productIds[a.q] ?? '', productIds[b.q] ?? ''),
  );
  const np = engagers[p] ?? 0;
  for (const q of touched) best.add({ q, similarity: (co[q] ?? 0) / Math.sqrt(np * (engagers[q] ?? 0)) });
  return best.result();
}
