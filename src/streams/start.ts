import type { Config } from '../config.js';
import type { EventPipelineDeps } from '../event-pipeline/index.js';
import { EventStreamConsumer } from './consumer.js';
import { graphEventWriter } from './graph-writer.js';

export interface StartedEventConsumer {
  consumer: EventStreamConsumer;
  /**
   * Stops the local broker if this call started it, and does nothing otherwise. The API calls it
   * on shutdown (it stops what it started, as with its local Neo4j); `consume` does not, so the
   * next command finds the broker up.
   */
  stopLocalBroker: () => Promise<void>;
}

/** What `consume` and STREAM_CONSUMER=true share: the brokers (the local one, started if need be), then the consumer. */
export async function startEventConsumer(
  deps: EventPipelineDeps & { config: Pick<Config, 'kafka' | 'limits' | 'localKafka'> },
  overrides: { brokers?: readonly string[]; topic?: string; groupId?: string; maxBatchSize?: number; lingerMs?: number } = {},
): Promise<StartedEventConsumer> {
  const { config, logger } = deps;
  let brokers = overrides.brokers ?? config.kafka.brokers;
  let stopLocalBroker = async (): Promise<void> => undefined;
  const localKafka = config.localKafka;
  if (!overrides.brokers && localKafka) {
    // The launcher is a development tool: loaded only when no KAFKA_BROKERS names a cluster.
    const { startLocalKafka, stopLocalKafka } = await import('../local-kafka/server.js');
    const local = await startLocalKafka(localKafka, logger);
    brokers = local.brokers;
    if (!local.alreadyRunning)
      stopLocalBroker = async () => {
        await stopLocalKafka(localKafka, logger);
      };
  }
  const writer = graphEventWriter(deps);
  const consumer = new EventStreamConsumer(
    {
      brokers,
      topic: overrides.topic ?? config.kafka.topic,
      groupId: overrides.groupId ?? config.kafka.groupId,
      maxBatchSize: Math.min(overrides.maxBatchSize ?? config.limits.maxBatchSize, config.limits.maxBatchSize),
      lingerMs: overrides.lingerMs ?? 100,
      sessionTimeoutMs: config.kafka.sessionTimeoutMs,
    },
    writer,
    logger.child({ module: 'streams' }),
  );
  await consumer.start();
  // The batches' refresh requests, and any another process left (the consumer's drain stops it).
  writer.refreshes.start();
  return { consumer, stopLocalBroker };
}
