import DataLoader from 'dataloader';

/** `batch: false` turns batching off: one query per key, what a naive resolver does (benchmarks' baseline). */
export interface LoaderOptions {
  batch: boolean;
}
const BATCHED: LoaderOptions = { batch: true };

/**
 * A DataLoader for per-parent lists that take arguments (a page of friends `first: 5` for each
 * of 50 users). Keys carry the parent id plus the arguments; a batch is split by arguments so
 * each distinct argument set is one query with an `UNWIND $ids`, however many parents asked.
 * In practice a GraphQL selection uses one argument set, so a page of parents costs one query.
 */
export function groupedLoader<Args, Item>(
  fetch: (parentIds: string[], args: Args) => Promise<Map<string, Item>>,
  fallback: () => Item,
  options: LoaderOptions = BATCHED,
): DataLoader<{ id: string; args: Args }, Item, string> {
  return new DataLoader(
    async (keys) => {
      const groups = new Map<string, { args: Args; ids: string[] }>();
      for (const key of keys) {
        const groupKey = JSON.stringify(key.args);
        const group = groups.get(groupKey) ?? { args: key.args, ids: [] };
        group.ids.push(key.id);
        groups.set(groupKey, group);
      }
      const results = new Map<string, Map<string, Item>>();
      await Promise.all([...groups].map(async ([groupKey, group]) => results.set(groupKey, await fetch([...new Set(group.ids)], group.args))));
      return keys.map((key) => results.get(JSON.stringify(key.args))?.get(key.id) ?? fallback());
    },
    { cacheKeyFn: (key) => JSON.stringify([key.id, key.args]), batch: options.batch },
  );
}

/** A DataLoader by id whose batch function returns a Map; missing ids resolve to null. */
export function byIdLoader<Item>(fetch: (ids: string[]) => Promise<Map<string, Item>>, options: LoaderOptions = BATCHED): DataLoader<string, Item | null> {
  return new DataLoader(
    async (ids) => {
      const found = await fetch([...ids]);
      return ids.map((id) => found.get(id) ?? null);
    },
    { batch: options.batch },
  );
}

/** Groups rows by a key, keeping row order inside each group. */
export function groupBy<Row, Item>(rows: Row[], keyOf: (row: Row) => string, itemOf: (row: Row) => Item): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(itemOf(row));
    else groups.set(key, [itemOf(row)]);
  }
  return groups;
}

/** A DataLoader by id for per-parent lists without arguments; a parent with no rows gets []. */
export function byIdListLoader<Item>(fetch: (ids: string[]) => Promise<Map<string, Item[]>>, options: LoaderOptions = BATCHED): DataLoader<string, Item[]> {
  return new DataLoader(
    async (ids) => {
      const found = await fetch([...ids]);
      return ids.map((id) => found.get(id) ?? []);
    },
    { batch: options.batch },
  );
}
