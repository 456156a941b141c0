/** A directed, weighted graph in compact typed arrays: what both in-process algorithms read. */
export interface Projection {
  /** Node index → user id. */
  ids: string[];
  sources: Uint32Array;
  targets: Uint32Array;
  weights: Float64Array;
}

/** Builds a projection from id pairs; edges to ids outside `ids` are dropped. */
export function projectionFrom(ids: readonly string[], edges: readonly [string, string, number?][]): Projection {
  const index = new Map(ids.map((id, i) => [id, i]));
  const kept = edges.filter(([a, b]) => index.has(a) && index.has(b));
  return {
    ids: [...ids],
    sources: Uint32Array.from(kept.map(([a]) => index.get(a) ?? 0)),
    targets: Uint32Array.from(kept.map(([, b]) => index.get(b) ?? 0)),
    weights: Float64Array.from(kept.map(([, , w]) => w ?? 1)),
  };
}
