import type { Command } from 'commander';
import { createAppDeps } from '../../deps.js';
import { handleTerminationSignals } from '../../lifecycle/shutdown.js';
import { startEventConsumer } from '../../streams/index.js';
import { openDatabase } from '../../db/open-database.js';
import { positiveInteger, type CliDeps } from '../session.js';

/** How often a running consumer reports its throughput. */
const REPORT_EVERY_MS = 10_000;

/** `profile-graph consume`: events from a Kafka topic into the graph until SIGINT/SIGTERM. */
export function registerConsumeCommand(program: Command, deps: () => CliDeps): void {
  program
    .command('consume')
    .description('read recordEvents-shaped JSON events from a Kafka topic into the graph, committing offsets after each write (docs/STREAMS.md)')
    .option('--brokers <list>', 'host:port,… (default: KAFKA_BROKERS, else the local broker, started if needed)')
    .option('--topic <name>', 'topic to read (default: KAFKA_TOPIC, "events")')
    .option('--group <id>', 'consumer group (default: KAFKA_GROUP_ID, "profile-graph")')
    .option('--batch-size <n>', 'events per graph write (default and maximum: MAX_BATCH_SIZE)')
    .option('--linger-ms <ms>', 'how long a partial batch waits for more events', '100')
    .action(async (options: { brokers?: string; topic?: string; group?: string; batchSize?: string; lingerMs: string }) => {
      const { config, logger } = deps();
      const brokers = options.brokers?.split(',').map((broker) => broker.trim());
      if (brokers?.some((broker) => !/^[^:\s]+:\d+$/.test(broker))) throw new Error(`--brokers takes host:port,…; got "${options.brokers ?? ''}"`);
      const lingerMs = Number(options.lingerMs);
      if (!Number.isInteger(lingerMs) || lingerMs < 0 || lingerMs > 60_000) throw new Error(`--linger-ms takes 0 to 60000; got "${options.lingerMs}"`);
      const maxBatchSize = options.batchSize === undefined ? undefined : positiveInteger(options.batchSize, '--batch-size');
      // Left running on exit, like every CLI command's local Neo4j: the next command reuses it.
      const database = await openDatabase(config, logger, { keepLocalRunning: true });
      const app = createAppDeps(database.db, config, logger, { neo4jVersion: database.server.neo4jVersion, gds: database.server.gds });
      // The local broker, if started here, is left running too.
      const { consumer } = await startEventConsumer(app, {
        ...(brokers ? { brokers } : {}),
        ...(options.topic ? { topic: options.topic } : {}),
        ...(options.group ? { groupId: options.group } : {}),
        ...(maxBatchSize ? { maxBatchSize } : {}),
        lingerMs,
      });
      let last = { at: Date.now(), messages: 0 };
      const report = setInterval(() => {
        const now = Date.now();
        const rate = ((consumer.stats.messages - last.messages) * 1000) / (now - last.at);
        last = { at: now, messages: consumer.stats.messages };
        logger.info({ ...consumer.stats, eventsPerSecond: Math.round(rate) }, 'consuming');
      }, REPORT_EVERY_MS);
      handleTerminationSignals(logger, async () => {
        clearInterval(report);
        await consumer.stop();
        await database.close();
      });
      try {
        await consumer.done;
      } finally {
        clearInterval(report);
        await database.close();
      }
    });
}
