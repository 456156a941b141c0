import { int, toNeo4jDateTime } from '../../../src/db/values.js';
import { ingestQueries } from '../../../src/ingest/queries.js';
import { createRandom } from '../../../src/lib/random.js';
import type { useTestDatabase } from '../../helpers/test-db.js';

type T = ReturnType<typeof useTestDatabase>;

/**
 * 30 seed users and 10 planted lookalikes share a taste (interests i0–i2, products p0–p4, and
 * follow each other); 150 others have random tastes from i3–i19 / p5–p59. One planted twin has
 * withdrawn profiling consent. By construction the 9 consenting twins must rank first.
 */
export async function plant(t: T) {
  const random = createRandom(5);
  const interests = Array.from({ length: 20 }, (_, i) => ({ id: `i${i}`, name: `Interest ${i}` }));
  await t.db.mutate(ingestQueries.upsertInterests, { rows: interests });
  await t.db.mutate(ingestQueries.upsertProducts, {
    rows: Array.from({ length: 60 }, (_, p) => ({ id: `p${p}`, props: { name: `Product ${p}` }, interests: [] })),
    replaceInterests: false,
  });
  const seed = Array.from({ length: 30 }, (_, i) => `seed${i}`);
  const twins = Array.from({ length: 10 }, (_, i) => `twin${i}`);
  const others = Array.from({ length: 150 }, (_, i) => `other${i}`);
  const users = [...seed, ...twins, ...others].map((id) => ({ id, props: { displayName: id, consentProfiling: id !== 'twin9', consentMarketing: true } }));
  await t.db.mutate(ingestQueries.upsertUsers, { rows: users });
  const likes = [...seed, ...twins].flatMap((userId) => [0, 1, 2].map((i) => ({ userId, interestId: `i${i}`, weight: 1 + random() })));
  const otherLikes = others.flatMap((userId) => [0, 1, 2].map(() => ({ userId, interestId: `i${3 + Math.floor(random() * 17)}`, weight: 1 + random() })));
  await t.db.mutate(ingestQueries.upsertUserInterests, { rows: [...likes, ...otherLikes], now: toNeo4jDateTime(new Date()) });
  const views = [
    ...[...seed, ...twins].flatMap((userId) => [0, 1, 2, 3, 4].filter(() => random() < 0.8).map((p) => ({ userId, productId: `p${p}` }))),
    ...others.flatMap((userId) => [0, 1, 2, 3].map(() => ({ userId, productId: `p${5 + Math.floor(random() * 55)}` }))),
  ];
  await t.db.mutate(ingestQueries.upsertListens, { rows: views.map((v) => ({ ...v, count: int(1) })) });
  const follows = [...seed, ...twins].flatMap((a) =>
    [...seed, ...twins].filter((b) => b !== a && random() < 0.15).map((b) => ({ followerId: a, followeeId: b, since: null, weight: 1 })),
  );
  const noise = others
    .flatMap((a) => [0, 1].map(() => ({ followerId: a, followeeId: others[Math.floor(random() * others.length)] ?? a, since: null, weight: 1 })))
    .filter((f) => f.followerId !== f.followeeId);
  await t.db.mutate(ingestQueries.upsertFollows, { rows: [...follows, ...noise] });
  return { seed, twins };
}
