/**
 * The seed's profile, per variant of the seed. A lookalike looks at the seed several times:
 * once per cross-validation fold (the seed minus that fold's held-back members) and once whole.
 * Reading the seed's neighbourhood once per variant was most of the cost of a large seed, so the
 * profile statements read it once, in chunks, with every member tagged by its fold, and return
 * per-fold sums; this module adds them up into each variant's profile (pure functions).
 *
 * The expansion statements then take one weight per variant for each profile item, so one
 * traversal out from the profile scores every variant (docs/ALGORITHMS.md#lookalike).
 */
import { compareIds } from '../lib/compare-ids.js';

/** The seed without one fold's members (a training part), or the whole seed (`heldBackFold` null). */
export interface SeedVariant {
  heldBackFold: number | null;
  /** Members in this variant. */
  size: number;
}

/** Per-fold sums of one profile item (an interest, product, community or neighbour). */
export type FoldSums = number[];

/**
 * Variants for a seed whose members are spread over `foldSizes.length` folds: with cross-
 * validation one per fold (that fold held back) and then the whole seed; without, the whole seed.
 */
export function seedVariants(foldSizes: readonly number[], crossValidate: boolean): SeedVariant[] {
  const total = foldSizes.reduce((sum, size) => sum + size, 0);
  const folds = crossValidate ? foldSizes.map((size, fold) => ({ heldBackFold: fold, size: total - size })) : [];
  return [...folds, { heldBackFold: null, size: total }];
}

/** An item's sum over the members of a variant. */
export function variantSum(sums: FoldSums, variant: SeedVariant): number {
  let total = 0;
  for (let fold = 0; fold < sums.length; fold += 1) if (fold !== variant.heldBackFold) total += sums[fold] ?? 0;
  return total;
}

/** Adds one chunk's per-fold value into an accumulator keyed by item id. */
export function addFoldValue<T extends { sums: FoldSums }>(into: Map<string, T>, id: string, fold: number, value: number, create: () => T): T {
  let entry = into.get(id);
  if (!entry) {
    entry = create();
    into.set(id, entry);
  }
  entry.sums[fold] = (entry.sums[fold] ?? 0) + value;
  return entry;
}

/** One profile item as the expansion statements take it: one weight per variant (0: not in that variant's profile). */
export interface ProfileItem {
  id: string;
  weights: number[];
}

/** How many items a variant's profile may hold, and how far expanding from them may reach. */
export interface ProfileBudget<T, V extends SeedVariant = SeedVariant> {
  /** At most this many items. */
  items: number;
  /** Relationships (or members) an item fans out to when expanded. */
  fanOut?: (item: T) => number;
  /**
   * Items are taken strongest first until their fan-out adds up to this (the first item is
   * always taken): on a graph where a few interests are held by everyone, expanding from all
   * of them would touch the whole graph for a small gain in ranking.
   */
  maxFanOut?: (variant: V) => number;
}

/**
 * Each variant's strongest items by `weightOf` (weights ≤ 0 dropped) within the budget, merged
 * into one list with a weight per variant; ties go to the smaller id so the same seed gives
 * the same profile.
 */
export function topItemsPerVariant<T extends { sums: FoldSums }, V extends SeedVariant>(
  items: ReadonlyMap<string, T>,
  variants: readonly V[],
  weightOf: (item: T, variant: V) => number,
  budget: ProfileBudget<T, V>,
): ProfileItem[] {
  const merged = new Map<string, ProfileItem>();
  variants.forEach((variant, index) => {
    const ranked = [...items.entries()]
      .map(([id, item]) => ({ id, item, weight: weightOf(item, variant) }))
      .filter((entry) => entry.weight > 0 && Number.isFinite(entry.weight))
      .sort((a, b) => b.weight - a.weight || compareIds(a.id, b.id));
    const maxFanOut = budget.maxFanOut?.(variant) ?? Number.POSITIVE_INFINITY;
    let reach = 0;
    for (const { id, item, weight } of ranked.slice(0, budget.items)) {
      if (reach >= maxFanOut) break;
      reach += budget.fanOut?.(item) ?? 0;
      const entry = merged.get(id) ?? { id, weights: variants.map(() => 0) };
      entry.weights[index] = weight;
      merged.set(id, entry);
    }
  });
  return [...merged.values()];
}
