/** Scores community detection against ground truth in tests and bench:quality; the API never needs it. */

/**
 * Normalised mutual information between two partitions of the same items, NMI = 2·I(X;Y) /
 * (H(X) + H(Y)) (Danon et al., "Comparing community structure identification", J. Stat. Mech.
 * 2005), the usual score for community detection against ground truth. 1 = identical.
 */
export function nmi(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError('partitions must cover the same items');
  const n = a.length;
  if (n === 0) return 1;
  const count = (labels: ArrayLike<number>) => {
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i += 1) counts.set(labels[i] ?? 0, (counts.get(labels[i] ?? 0) ?? 0) + 1);
    return counts;
  };
  const ca = count(a);
  const cb = count(b);
  const joint = new Map<string, number>();
  for (let i = 0; i < n; i += 1) {
    const key = `${a[i]}\u0000${b[i]}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
  }
  const entropy = (counts: Map<number, number>) => [...counts.values()].reduce((h, c) => h - (c / n) * Math.log(c / n), 0);
  let mutual = 0;
  for (const [key, c] of joint) {
    const [x, y] = key.split('\u0000').map(Number);
    mutual += (c / n) * Math.log((c * n) / ((ca.get(x ?? 0) ?? 1) * (cb.get(y ?? 0) ?? 1)));
  }
  const h = entropy(ca) + entropy(cb);
  return h === 0 ? 1 : (2 * mutual) / h;
}
