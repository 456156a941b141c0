import { Admin, Consumer, Producer, stringDeserializers } from '@platformatic/kafka';
import { loadConfig, type LocalKafkaConfig } from '../../src/config.js';
import { startLocalKafka } from '../../src/local-kafka/server.js';
import { createLogger } from '../../src/logger.js';
import { workerSlot } from '../setup/workers.js';

/**
 * A worker slot's broker: a local instance "test" on port 19192 for slot 1, "test-2" on 19194
 * for slot 2, … (each takes its port and the next, for its controller; TEST_KAFKA_LOCAL_PORT
 * moves the first).
 */
export function testKafkaConfig(slot = workerSlot()): LocalKafkaConfig {
  const firstPort = Number(process.env['TEST_KAFKA_LOCAL_PORT'] ?? '19192');
  const config = loadConfig({
    KAFKA_LOCAL_INSTANCE: slot === 1 ? 'test' : `test-${slot}`,
    KAFKA_LOCAL_PORT: String(firstPort + 2 * (slot - 1)),
    KAFKA_LOCAL_PARTITIONS: '4',
  });
  if (!config.localKafka) throw new Error('unreachable: no KAFKA_BROKERS given');
  return config.localKafka;
}

/**
 * The worker's own broker, started on first use and left running for the next file (as the test
 * Neo4j is shared); the run's teardown (tests/setup/neo4j.ts) stops it, so a test run leaves no
 * broker behind to hold the port against another checkout's run. Every test uses topics of its
 * own, so runs never read each other's events.
 */
export async function useTestKafka(): Promise<{ brokers: string[] }> {
  const started = await startLocalKafka(testKafkaConfig(), createLogger('warn', 'test-kafka'));
  return { brokers: started.brokers };
}

/**
 * Creates the topic and its dead-letter topic, and returns once every partition has a leader
 * that serves it: right after CreateTopics the metadata can name a leader before that broker
 * has the partition's log, and a produce then fails at once (seen in CI, twice, as "Producing
 * messages failed" on a loaded machine). ListOffsets is answered by the leader's log itself.
 */
export async function createTopic(brokers: readonly string[], topic: string, partitions: number): Promise<void> {
  const admin = new Admin({ clientId: 'test-admin', bootstrapBrokers: [...brokers] });
  const topics = [topic, `${topic}.invalid`];
  try {
    await admin.createTopics({ topics, partitions, replicas: 1 });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const metadata = await admin.metadata({ topics, forceUpdate: true }).catch(() => null);
      const led = topics.every((name) => {
        const found = metadata?.topics.get(name);
        return found !== undefined && found.partitions.length === partitions && found.partitions.every((partition) => partition.leader >= 0);
      });
      if (led && (await offsetsAnswer(brokers, topics, partitions))) return;
      if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} have no serving leader for every partition after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await admin.close();
  }
}

async function offsetsAnswer(brokers: readonly string[], topics: string[], partitions: number): Promise<boolean> {
  const consumer = new Consumer({ groupId: `test-offsets-${Date.now()}-${Math.random()}`, clientId: 'test-offsets', bootstrapBrokers: [...brokers] });
  try {
    const offsets = await consumer.listOffsets({ topics });
    return topics.every((name) => offsets.get(name)?.length === partitions);
  } catch {
    return false;
  } finally {
    await consumer.close(true);
  }
}

/** Sends JSON (or raw strings, to test bad input) keyed by user, as a producer of events would. */
export async function sendEvents(brokers: readonly string[], topic: string, events: readonly (Record<string, unknown> | string)[]): Promise<void> {
  // Retries: a broker busy with a restarted consumer's group may refuse a batch for a moment.
  const producer = new Producer({ clientId: 'test-producer', bootstrapBrokers: [...brokers], retries: 10, retryDelay: 300 });
  try {
    for (let from = 0; from < events.length; from += 1_000) {
      const messages = events.slice(from, from + 1_000).map((event) => ({
        topic,
        key: Buffer.from(typeof event === 'string' ? 'raw' : String(event['userId'] ?? 'anonymous')),
        value: Buffer.from(typeof event === 'string' ? event : JSON.stringify(event)),
      }));
      try {
        await producer.send({ messages });
      } catch (error) {
        // The client's AggregateError says only "Producing messages failed": name the causes.
        const causes = error instanceof AggregateError ? error.errors.map((cause: unknown) => (cause instanceof Error ? cause.message : String(cause))) : [];
        throw new Error(`sending to ${topic} failed: ${error instanceof Error ? error.message : String(error)} ${JSON.stringify(causes)}`, { cause: error });
      }
    }
  } finally {
    await producer.close();
  }
}

/** Every message of a topic (its dead letters, in tests): values and headers as strings. */
export async function readAll(
  brokers: readonly string[],
  topic: string,
  expected: number,
  timeoutMs = 20_000,
): Promise<{ value: string; headers: Record<string, string> }[]> {
  const consumer = new Consumer({
    groupId: `test-reader-${Date.now()}-${Math.random()}`,
    clientId: 'test-reader',
    bootstrapBrokers: [...brokers],
    deserializers: stringDeserializers,
    maxWaitTime: 100,
  });
  const read: { value: string; headers: Record<string, string> }[] = [];
  try {
    const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
    const deadline = Date.now() + timeoutMs;
    for await (const message of stream) {
      read.push({ value: message.value, headers: Object.fromEntries(message.headers) });
      if (read.length >= expected || Date.now() > deadline) break;
    }
    await stream.close();
  } finally {
    await consumer.close(true);
  }
  return read;
}
