import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/config.js';
import type { ActivityEvent } from '../../../src/activity/index.js';
import { parseEventMessage } from '../../../src/streams/event-message.js';
import { EventStreamConsumer, graphEventWriter } from '../../../src/streams/index.js';
import { killApiProcess } from '../../helpers/child-process.js';
import { seedCatalog, seedUsers } from '../../helpers/fixtures.js';
import { dumpGraph } from '../../helpers/graph-dump.js';
import { createTopic, readAll, sendEvents, useTestKafka } from '../../helpers/kafka.js';
import { useTestDatabase } from '../../helpers/test-db.js';

const USERS = Array.from({ length: 40 }, (_, i) => ({ id: `u${i}`, displayName: `User ${i}` }));
const T0 = Date.parse('2026-06-01T00:00:00Z');

/** Seeded events over the fixture catalog: each (user, product) pair's views in time order. */
function generateEvents(count: number): Record<string, unknown>[] {
  const products = ['p-record', 'p-shoes'];
  return Array.from({ length: count }, (_, i) => {
    const userId = `u${i % USERS.length}`;
    const productId = products[Math.floor(i / USERS.length) % 2] as string;
    const at = new Date(T0 + i * 1_000).toISOString();
    const kind = i % 7 === 0 ? 'PURCHASE' : i % 11 === 0 ? 'RATE' : 'VIEW';
    return {
      userId,
      productId,
      kind,
      at,
      ...(kind === 'RATE' ? { score: 1 + (i % 5) } : {}),
      ...(kind === 'PURCHASE' ? { quantity: 1 + (i % 3), amount: 10 } : {}),
    };
  });
}

/** What the consumer makes of a message, for the reference pass. */
function asEvent(message: Record<string, unknown>): ActivityEvent {
  const parsed = parseEventMessage(Buffer.from(JSON.stringify(message)));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.event;
}

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('the Kafka event consumer', () => {
  const t = useTestDatabase();
  let brokers: string[];
  const topicOf = (name: string) => `${name}-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    ({ brokers } = await useTestKafka());
  }, 180_000);

  const eventCount = async () => {
    const [row] = await t.cypher<{ n: { toNumber(): number } }>(
      'MATCH (:User)-[r:PURCHASED|VIEWED|RATED]->(:Product) RETURN sum(CASE type(r) WHEN "VIEWED" THEN r.count ELSE 1 END) AS n',
    );
    return row?.n.toNumber() ?? 0;
  };

  /**
   * The reference: the events written directly, in order, through the stream's own writer, its
   * graph and event count kept; then the graph is emptied and seeded again for the stream.
   */
  const onePass = async (events: Record<string, unknown>[]) => {
    await seedCatalog(t);
    await seedUsers(t, USERS);
    const write = graphEventWriter(t.deps);
    for (let from = 0; from < events.length; from += 2_000) await write(events.slice(from, from + 2_000).map((event) => asEvent(event)));
    await write.drain();
    const reference = { expected: await dumpGraph(t.db), expectedEvents: await eventCount() };
    await t.cypher('MATCH (n) DETACH DELETE n');
    await seedCatalog(t);
    await seedUsers(t, USERS);
    return reference;
  };

  it('applies events through recordEvents and dead-letters what it cannot apply, with the reason', async () => {
    await seedCatalog(t);
    await seedUsers(t, USERS.slice(0, 2));
    const topic = topicOf('events');
    await createTopic(brokers, topic, 2);
    await sendEvents(brokers, topic, [
      { userId: 'u0', productId: 'p-record', kind: 'PURCHASE', at: '2026-06-01T10:00:00Z', quantity: 2, amount: 50 },
      'this is not JSON',
      { userId: 'u0', productId: 'no-such-product', kind: 'VIEW', at: '2026-06-01T10:01:00Z' },
      { userId: 'u1', productId: 'p-shoes', kind: 'RATE', at: '2026-06-01T10:02:00Z' },
      { userId: 'u1', productId: 'p-shoes', kind: 'VIEW', at: Date.parse('2026-06-01T10:03:00Z') },
      { userId: 'u1', productId: 'p-shoes', kind: 'VIEW', at: '2026-06-01T10:04:00Z', secret: 'x' },
    ]);
    const consumer = new EventStreamConsumer({ brokers, topic, groupId: topic, maxBatchSize: 100, lingerMs: 50 }, graphEventWriter(t.deps), t.deps.logger);
    await consumer.start();
    try {
      await until(async () => consumer.stats.messages === 6, 30_000, 'six messages');
    } finally {
      await consumer.stop();
    }
    expect(consumer.stats).toMatchObject({ messages: 6, applied: 2, ignored: 0, deadLettered: 4 });
    const [stored] = await t.cypher<Record<string, any>>(
      `MATCH (a:User {id: 'u0'})-[b:PURCHASED]->(:Product {id: 'p-record'}) MATCH (c:User {id: 'u1'})-[v:VIEWED]->(:Product {id: 'p-shoes'})
       RETURN b.quantity AS quantity, v.count AS views, toString(c.lastActiveAt) AS lastActive`,
    );
    expect(stored?.['quantity'].toNumber()).toBe(2);
    expect(stored?.['views'].toNumber()).toBe(1);
    expect(stored?.['lastActive']).toBe('2026-06-01T10:03:00Z');

    const letters = await readAll(brokers, `${topic}.invalid`, 4);
    const byCode = letters.map((letter) => [letter.headers['error-code'], letter.headers['error-reason']]).sort();
    expect(byCode).toEqual([
      ['BAD_USER_INPUT', expect.stringContaining('RATE) needs an integer score')],
      ['INVALID_MESSAGE', 'message: Unrecognized key: "secret"'],
      ['INVALID_MESSAGE', 'not JSON'],
      ['NOT_FOUND', 'Product "no-such-product" does not exist.'],
    ]);
    // The original bytes travel with the reason, for a person to fix and resend.
    expect(letters.map((letter) => letter.value)).toContain('this is not JSON');
  });

  // docs/SCALING.md: more consumers in one group share the topic's partitions (each partition is
  // read by one of them); writes are idempotent, so a partition moving between them mid-stream
  // (a rebalance redelivers its uncommitted batch) changes nothing in the graph.
  it('shares the partitions between two consumers in one group, and the graph is what one pass builds', async () => {
    const events = generateEvents(6_000);
    const { expected, expectedEvents } = await onePass(events);

    const topic = topicOf('group');
    await createTopic(brokers, topic, 4);
    const consumers = [0, 1].map(
      () => new EventStreamConsumer({ brokers, topic, groupId: topic, maxBatchSize: 200, lingerMs: 50 }, graphEventWriter(t.deps), t.deps.logger),
    );
    await Promise.all(consumers.map((consumer) => consumer.start()));
    try {
      await sleep(3_000); // both in the group before the first event
      await sendEvents(brokers, topic, events);
      await until(async () => (await eventCount()) >= expectedEvents, 90_000, 'the two consumers to apply every event');
      await sleep(1_000);
    } finally {
      await Promise.all(consumers.map((consumer) => consumer.stop()));
    }
    const [first, second] = consumers.map((consumer) => consumer.stats.messages);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(0);
    expect((first ?? 0) + (second ?? 0)).toBeGreaterThanOrEqual(events.length);
    const actual = await dumpGraph(t.db);
    expect(actual.relationships).toEqual(expected.relationships);
    expect(actual.nodes.length).toBe(expected.nodes.length);
  }, 180_000);

  it('survives kill -9 mid-stream: after a restart the graph is what one clean pass builds', async () => {
    // 12,000 events in batches of 1,000: killed after 3,000, most of the stream is still to come.
    const events = generateEvents(12_000);
    const { expected, expectedEvents } = await onePass(events);
    const topic = topicOf('kill');
    await createTopic(brokers, topic, 4);
    await sendEvents(brokers, topic, events);

    const consume = () => {
      const child = spawn(
        process.execPath,
        [
          path.join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
          'src/cli/main.ts',
          'consume',
          '--brokers',
          brokers.join(','),
          '--topic',
          topic,
          '--group',
          topic,
          '--batch-size',
          '1000',
        ],
        {
          cwd: PROJECT_ROOT,
          env: {
            ...process.env,
            NEO4J_URI: t.deps.config.neo4j.uri,
            NEO4J_PASSWORD: t.deps.config.neo4j.password,
            LOG_LEVEL: 'warn',
            DEMO_SEED: 'false',
            KAFKA_SESSION_TIMEOUT_SECONDS: '8',
          },
          stdio: ['ignore', 'ignore', 'pipe'],
          detached: true,
        },
      );
      const log: string[] = [];
      child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
      return { child, log, exited: new Promise<number | null>((resolve) => child.on('exit', resolve)) };
    };

    const first = consume();
    try {
      // Killed once part of the stream is in the graph and part is not.
      await until(async () => (await eventCount()) > 3_000, 60_000, 'the first consumer to write some events');
      killApiProcess(first.child);
      await first.exited;
    } finally {
      killApiProcess(first.child);
    }
    const atKill = await eventCount();
    expect(atKill).toBeLessThan(expectedEvents);

    const second = consume();
    try {
      await until(async () => (await eventCount()) >= expectedEvents, 90_000, `the restarted consumer to catch up (log: ${second.log.join('').slice(-500)})`);
      await sleep(1_000); // anything double-counted would show up now
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      killApiProcess(second.child);
    }
    // A refresh claim the killed consumer held stays with it until its lease runs out
    // (tags/refresh-queue.ts), then any refresher retakes it. Its signals were folded in the
    // claim's own transaction, so what is left is a claimed request without signals, nothing
    // unapplied; every user it names is in later batches, refreshed by the second consumer.
    const leftover = await t.cypher<{ claimed: boolean; folded: boolean }>(
      'MATCH (r:TagRefreshRequest) RETURN r.claimedUntil > datetime() AS claimed, r.signalUserIds IS NULL AS folded',
    );
    expect(leftover.every((request) => request.claimed && request.folded)).toBe(true);
    const actual = await dumpGraph(t.db);
    expect(actual.relationships).toEqual(expected.relationships);
    expect(actual.nodes.length).toBe(expected.nodes.length + leftover.length);
  }, 240_000);
});
