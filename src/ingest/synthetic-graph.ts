import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { createEventPipeline } from '../event-pipeline/index.js';
import { identityPolicy } from '../identities/index.js';
import { int, toNeo4jDateTime, toSafeNumber } from '../db/values.js';
import type { Logger } from '../logger.js';
import type { Progress } from '../lib/progress.js';
import { batches } from '../lib/chunks.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph, type GeneratedUser } from './generate.js';
import { ingestQueries } from './queries.js';
import { onlineSink } from './sink.js';

const BATCH = 2_000;

function userProps(user: GeneratedUser): Record<string, unknown> {
  const { id: _id, community: _community, createdAt, lastActiveAt, birthYear, ...rest } = user;
  return {
    ...rest,
    birthYear: int(birthYear),
    createdAt: toNeo4jDateTime(createdAt),
    lastActiveAt: lastActiveAt ? toNeo4jDateTime(lastActiveAt) : null,
  };
}

/**
 * Writes a synthetic graph: interests, products, users, follows, declared interests, then
 * events through the event pipeline (src/event-pipeline/), so purchases, interest weights and
 * tags follow the same rules as the API's. Every write is an idempotent MERGE: a re-run after a crash
 * completes the graph without duplicating anything.
 */
export async function loadSyntheticGraph(
  db: Db,
  graph: SyntheticGraph,
  config: Pick<Config, 'limits' | 'identities'>,
  log: Logger,
  progress?: Progress,
  batchSize = BATCH,
  /** Only what a benchmark needs: `social` loads interests, products, users and follows. */
  only: 'all' | 'social' = 'all',
): Promise<Record<string, number>> {
  const now = toNeo4jDateTime(graph.options.now);
  const sink = onlineSink(db);
  const started = Date.now();
  const counts: Record<string, number> = {};
  const phase = async <T>(label: string, source: Iterable<T>, size: number, write: (batch: T[]) => Promise<unknown>) => {
    const task = progress?.start(label, null);
    let rows = 0;
    for (const batch of batches(source, size)) {
      await write(batch);
      rows += batch.length;
      task?.update(rows);
    }
    task?.finish(rows);
    counts[label] = rows;
  };
  await phase('interests', graph.interests(), batchSize, (rows) => sink.upsertInterests({ rows }));
  await phase('products', graph.products(), batchSize, (batch) =>
    sink.upsertProducts({ rows: batch.map(({ id, interests, ...props }) => ({ id, props, interests })), replaceInterests: false }),
  );
  await phase('users', graph.users(), batchSize, (batch) => sink.upsertUsers({ rows: batch.map((user) => ({ id: user.id, props: userProps(user) })) }));
  await phase('follows', graph.follows(), batchSize * 5, (batch) =>
    sink.upsertFollows({ rows: batch.map((follow) => ({ ...follow, since: follow.since.getTime() })) }),
  );
  if (only === 'social') {
    log.info({ users: graph.options.users, seconds: (Date.now() - started) / 1000, ...counts }, 'synthetic social graph loaded');
    return counts;
  }
  await phase('user interests', graph.userInterests(), batchSize * 5, (rows) => sink.upsertUserInterests({ rows, now }));
  const events = createEventPipeline(
    { db, config, identityPolicy: identityPolicy(config.identities), logger: log },
    { refresh: 'at-end', touched: new Set<string>() },
    { maxBatchSize: Number.MAX_SAFE_INTEGER },
  );
  await phase('events', graph.events(), batchSize, (batch) => events.activity.recordEvents(batch, graph.options.now));
  await events.settle(graph.options.now);
  log.info({ users: graph.options.users, seconds: (Date.now() - started) / 1000, ...counts }, 'synthetic graph loaded');
  return counts;
}

/** `npm start` on an empty database shows something real: a few hundred users, seeded. */
export async function seedDemoIfEmpty(db: Db, config: Config, log: Logger): Promise<boolean> {
  const [row] = await db.query(ingestQueries.countUsers, {});
  if (!config.demo.seed || (row && toSafeNumber(row.users) > 0)) return false;
  log.info({ users: config.demo.users, locale: config.demo.locale }, 'empty database: seeding the demo graph');
  const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: config.demo.users, seed: 42, now: new Date(), locale: config.demo.locale });
  await loadSyntheticGraph(db, graph, config, log);
  return true;
}
