import type { AppDeps } from '../deps.js';
import { EventStreamConsumer } from './consumer.js';
import { graphEventWriter } from './graph-writer.js';

/** What `consume` and STREAM_CONSUMER=true share: the brokers (the local one, started if need be), then the consumer. */
export async function startEventConsumer(
  deps: AppDeps,
  overrides: { brokers?: readonly string[]; topic?: string; groupId?: string; maxBatchSize?: number; lingerMs?: number } = {},
): Promise<EventStreamConsumer> {
  const { config, logger } = deps;
  let brokers = overrides.brokers ?? config.kafka.brokers;
  if (!overrides.brokers && config.localKafka) {
    // The launcher is a development tool: loaded only when no KAFKA_BROKERS names a cluster.
    const { startLocalKafka } = await import('../local-kafka/server.js');
    brokers = (await startLocalKafka(config.localKafka, logger)).brokers;
  }
  const consumer = new EventStreamConsumer(
    {
      brokers,
      topic: overrides.topic ?? config.kafka.topic,
      groupId: overrides.groupId ?? config.kafka.groupId,
      maxBatchSize: Math.min(overrides.maxBatchSize ?? config.limits.maxBatchSize, config.limits.maxBatchSize),
      lingerMs: overrides.lingerMs ?? 100,
    },
    graphEventWriter(deps),
    logger.child({ module: 'streams' }),
  );
  await consumer.start();
  return consumer;
}
