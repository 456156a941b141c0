/**
 * Reads events from a Kafka topic into the graph, in batches, through the same code path as the
 * `recordEvents` mutation (docs/STREAMS.md).
 *
 * Delivery: offsets are committed only after the batch's graph write committed, so a crash
 * (even kill -9) at any point redelivers at most the uncommitted batches, and every event kind
 * is idempotent (cypher/activity/record-*.cypher), so a redelivered event changes nothing:
 * effectively exactly once in the graph.
 *
 * Bad messages never stop the stream nor get lost: a message that is not an event, or an event
 * the service refuses (unknown product, a RATE without a score…), goes to the dead-letter topic
 * `<topic>.invalid` with the reason in its headers, and the rest of its batch is applied. The
 * service refuses a batch as a whole, so the offender is found by halving the batch
 * (log2(batch) extra writes per bad event; bad events are rare). A database that is down is
 * not the message's fault: the batch is retried with back-off and nothing is committed.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Admin, Consumer, Producer, type Message, type MessagesStream } from '@platformatic/kafka';
import { isRetryableError } from 'neo4j-driver';
import type { ActivityEvent } from '../activity/index.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { parseEventMessage } from './event-message.js';

/** Writes one batch of events (ActivityService.recordEvents behind it); throws to refuse the batch. */
export type EventBatchWriter = ((events: ActivityEvent[]) => Promise<{ applied: number; ignored: number }>) & {
  /** Work the writer left running after a batch (its tags refresh): waited for before the consumer stops. */
  drain?: () => Promise<void>;
};

export interface EventStreamOptions {
  brokers: readonly string[];
  topic: string;
  groupId: string;
  /** Events per graph write (at most MAX_BATCH_SIZE, the service's own limit). */
  maxBatchSize: number;
  /** How long the first event of a batch waits for others before the batch is written anyway. */
  lingerMs: number;
  clientId?: string;
  /** KAFKA_SESSION_TIMEOUT_SECONDS: how long a member that vanished keeps its partitions (the library's default: 60 s). */
  sessionTimeoutMs?: number;
}

export interface EventStreamStats {
  /** Messages whose offsets were committed (applied, ignored as replays, or dead-lettered). */
  messages: number;
  applied: number;
  ignored: number;
  deadLettered: number;
  batches: number;
  /** Write attempts that failed on the database and were retried. */
  retries: number;
}

type Raw = Message<Buffer, Buffer, Buffer, Buffer>;

/** Refusals caused by the events themselves: retrying the same events cannot succeed. */
const REFUSAL_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'RESOURCE_EXHAUSTED']);
const isRefusal = (error: unknown): error is AppError => error instanceof AppError && REFUSAL_CODES.has(String(error.extensions.code));
// A batch that ran out of time on a busy server is written by a later try, as one the database dropped is.
const isTransient = (error: unknown) =>
  isRetryableError(error) || (error instanceof AppError && (error.extensions.code === 'DATABASE_UNAVAILABLE' || error.extensions.code === 'QUERY_TIMEOUT'));

const MAX_BACKOFF_MS = 30_000;

class Stopping extends Error {}

export const deadLetterTopic = (topic: string) => `${topic}.invalid`;

export class EventStreamConsumer {
  readonly stats: EventStreamStats = { messages: 0, applied: 0, ignored: 0, deadLettered: 0, batches: 0, retries: 0 };
  private readonly consumer: Consumer<Buffer, Buffer, Buffer, Buffer>;
  private readonly producer: Producer<Buffer, Buffer, Buffer, Buffer>;
  private stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | null = null;
  private buffer: Raw[] = [];
  private linger: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private stopping = false;
  private stopped = false;
  private failed: ((error: Error) => void) | null = null;
  /** Settles when the consumer stops: resolves after stop(), rejects if the stream fails. */
  readonly done: Promise<void>;
  private finish: () => void = () => undefined;

  constructor(
    private readonly options: EventStreamOptions,
    private readonly write: EventBatchWriter,
    private readonly log: Logger,
  ) {
    const clientId = options.clientId ?? 'profile-graph-consumer';
    this.consumer = new Consumer({
      groupId: options.groupId,
      clientId,
      bootstrapBrokers: [...options.brokers],
      // Committed by hand, after the graph write: autocommit would commit events not yet written.
      autocommit: false,
      // Return a fetch as soon as there is data; wait at most 100 ms when there is none.
      maxWaitTime: 100,
      // Heartbeats at a third of the session, as Kafka's own clients do.
      ...(options.sessionTimeoutMs ? { sessionTimeout: options.sessionTimeoutMs, heartbeatInterval: Math.floor(options.sessionTimeoutMs / 3) } : {}),
    });
    // Dead letters must not be lost: wait for every replica, and keep retrying a new topic's leader election.
    this.producer = new Producer({ clientId: `${clientId}-dead-letters`, bootstrapBrokers: [...options.brokers], acks: -1, retries: 10, retryDelay: 500 });
    this.done = new Promise<void>((resolve, reject) => {
      this.finish = resolve;
      this.failed = reject;
    });
  }

  /** Joins the group and starts consuming; resolves once the subscription is in place. */
  async start(): Promise<void> {
    await this.ensureTopics();
    // A new group starts at the beginning of the topic: events sent before the first consumer ran are not lost.
    this.stream = await this.consumer.consume({ topics: [this.options.topic], mode: 'committed', fallbackMode: 'earliest' });
    // Pulled with read() on 'readable', not pushed through 'data' with pause()/resume():
    // @platformatic/kafka 1.22 can stop fetching for good when paused at the wrong moment (its
    // _read returns without pushing while paused, and Node never calls _read again), which
    // stalled the consumer under load (bench:stream). Not reading is the back-pressure: the
    // stream fetches again once its buffer is drained below its high-water mark.
    this.stream.on('readable', () => this.pull());
    this.stream.on('error', (error: Error) => {
      this.log.error({ err: error, topic: this.options.topic }, 'event stream failed');
      this.failed?.(error);
    });
    this.log.info({ topic: this.options.topic, groupId: this.options.groupId, brokers: this.options.brokers }, 'consuming events');
  }

  /** Finishes the batch being written (committing it), then leaves the group. Unwritten messages are redelivered later. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stopping = true;
    if (this.linger) clearTimeout(this.linger);
    await this.flushing?.catch(() => undefined);
    await this.write.drain?.().catch(() => undefined);
    await this.stream?.close().catch(() => undefined);
    await this.consumer.close().catch(() => undefined);
    await this.producer.close().catch(() => undefined);
    this.finish();
    this.log.info({ ...this.stats }, 'event consumer stopped');
  }

  private async ensureTopics(): Promise<void> {
    const admin = new Admin({ clientId: 'profile-graph-topics', bootstrapBrokers: [...this.options.brokers] });
    try {
      const existing = new Set(await admin.listTopics());
      const missing = [this.options.topic, deadLetterTopic(this.options.topic)].filter((topic) => !existing.has(topic));
      // On a managed cluster topics are usually created by its owners; then this is a no-op.
      if (missing.length > 0) await admin.createTopics({ topics: missing, partitions: -1, replicas: -1 });
    } catch (error) {
      this.log.warn({ err: error, topic: this.options.topic }, 'could not check or create the topics; consuming anyway');
    } finally {
      await admin.close().catch(() => undefined);
    }
  }

  /** Takes what the stream has, up to two batches ahead of the one being written. */
  private pull(): void {
    if (this.stopping || !this.stream) return;
    while (this.buffer.length < 2 * this.options.maxBatchSize) {
      const message = this.stream.read() as Raw | null;
      if (message === null) break;
      this.buffer.push(message);
    }
    if (this.buffer.length >= this.options.maxBatchSize) this.kick();
    else if (this.buffer.length > 0) this.linger ??= setTimeout(() => this.kick(), this.options.lingerMs);
  }

  private kick(): void {
    if (this.linger) clearTimeout(this.linger);
    this.linger = null;
    if (this.flushing || this.stopping) return;
    this.flushing = this.drain().finally(() => {
      this.flushing = null;
      if (this.stopping) return;
      this.pull();
      if (this.buffer.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0 && !this.stopping) {
      const batch = this.buffer.splice(0, this.options.maxBatchSize);
      try {
        await this.processBatch(batch);
      } catch (error) {
        if (error instanceof Stopping) return; // uncommitted: redelivered to whoever consumes next
        // The dead-letter topic refused the messages: committing would lose them. Stop; a
        // restart redelivers the batch.
        this.log.error({ err: error, topic: this.options.topic }, 'event batch could not be finished; stopping the consumer');
        this.failed?.(error instanceof Error ? error : new Error(String(error)));
        this.stopping = true;
        void this.stop();
        return;
      }
      this.pull();
    }
  }

  private async processBatch(batch: Raw[]): Promise<void> {
    const events: { message: Raw; event: ActivityEvent }[] = [];
    const deadLetters: { message: Raw; code: string; reason: string }[] = [];
    for (const message of batch) {
      const parsed = parseEventMessage(message.value);
      if (parsed.ok) events.push({ message, event: parsed.event });
      else deadLetters.push({ message, code: 'INVALID_MESSAGE', reason: parsed.reason });
    }
    await this.applyIsolatingRefusals(events, deadLetters);
    if (deadLetters.length > 0) await this.sendDeadLetters(deadLetters);
    await this.commit(batch);
    this.stats.messages += batch.length;
    this.stats.batches += 1;
  }

  /** Writes the events; refused ones (found by halving) are moved to `deadLetters`. */
  private async applyIsolatingRefusals(
    items: { message: Raw; event: ActivityEvent }[],
    deadLetters: { message: Raw; code: string; reason: string }[],
  ): Promise<void> {
    if (items.length === 0) return;
    for (let attempt = 0; ; attempt += 1) {
      if (this.stopping && attempt > 0) throw new Stopping();
      try {
        const result = await this.write(items.map((item) => item.event));
        this.stats.applied += result.applied;
        this.stats.ignored += result.ignored;
        return;
      } catch (error) {
        if (isRefusal(error)) {
          if (items.length === 1 && items[0]) {
            deadLetters.push({ message: items[0].message, code: String(error.extensions.code), reason: error.message });
            return;
          }
          const half = Math.ceil(items.length / 2);
          await this.applyIsolatingRefusals(items.slice(0, half), deadLetters);
          await this.applyIsolatingRefusals(items.slice(half), deadLetters);
          return;
        }
        // The database is down or something unexpected broke: not the events' fault. Nothing
        // is committed; the batch is retried (a stuck consumer shows as lag, lost events would not).
        this.stats.retries += 1;
        const wait = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt);
        const level = isTransient(error) ? 'warn' : 'error';
        this.log[level]({ err: error, events: items.length, retryInMs: wait }, 'event batch not written; retrying');
        await sleep(wait);
      }
    }
  }

  private async sendDeadLetters(deadLetters: { message: Raw; code: string; reason: string }[]): Promise<void> {
    const topic = deadLetterTopic(this.options.topic);
    await this.producer.send({
      messages: deadLetters.map(({ message, code, reason }) => ({
        topic,
        key: message.key,
        value: message.value,
        // A Map, not a plain object: @platformatic/kafka 1.22 fails to encode object headers
        // and then loses the send's callback (an uncaught TypeError, a send that never settles).
        headers: new Map(
          [
            ['error-code', code],
            ['error-reason', reason.slice(0, 1_000)],
            ['source-topic', message.topic],
            ['source-partition', String(message.partition)],
            ['source-offset', String(message.offset)],
          ].map(([name, text]) => [Buffer.from(name as string), Buffer.from(text as string)]),
        ),
      })),
    });
    this.stats.deadLettered += deadLetters.length;
    // Offsets and codes only: the messages may hold personal data.
    this.log.warn(
      {
        topic,
        count: deadLetters.length,
        codes: [...new Set(deadLetters.map((letter) => letter.code))],
        first: { partition: deadLetters[0]?.message.partition, offset: String(deadLetters[0]?.message.offset) },
      },
      'events sent to the dead-letter topic',
    );
  }

  /** Commits the last message of each partition in the batch (the library resumes after it). */
  private async commit(batch: Raw[]): Promise<void> {
    const last = new Map<number, Raw>();
    for (const message of batch) {
      const seen = last.get(message.partition);
      if (!seen || message.offset > seen.offset) last.set(message.partition, message);
    }
    await Promise.all(
      [...last.values()].map(async (message) => {
        try {
          await message.commit();
        } catch (error) {
          // After a rebalance the partition is someone else's: they replay from the last
          // commit, and the replay changes nothing in the graph.
          this.log.warn({ err: error, partition: message.partition }, 'offset commit refused; the partition will be replayed');
        }
      }),
    );
  }
}
