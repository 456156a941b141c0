import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { localKafkaStatus, startLocalKafka, stopLocalKafka } from '../../local-kafka/server.js';
import type { Logger } from '../../logger.js';

function requireLocal(config: Config): NonNullable<Config['localKafka']> {
  if (!config.localKafka) {
    throw new Error(
      `KAFKA_BROKERS is set (${config.kafka.brokers.join(',')}): that cluster is managed elsewhere; kafka commands act on the local broker only.`,
    );
  }
  return config.localKafka;
}

/** `profile-graph kafka start|stop|status`: the project's own broker, from the Maven Central cache. */
export function registerKafkaCommands(program: Command, deps: () => { config: Config; logger: Logger }): void {
  const kafka = program.command('kafka').description('manage the local Kafka broker (ignored when KAFKA_BROKERS is set)');
  kafka
    .command('start')
    .description('obtain Kafka from Maven Central if needed, start it (KRaft) on loopback, wait until it answers')
    .action(async () => {
      const { config, logger } = deps();
      const started = await startLocalKafka(requireLocal(config), logger);
      process.stdout.write(
        `${started.alreadyRunning ? 'already running' : 'started'}: ${started.brokers.join(',')} (Kafka ${started.version}) in ${(started.startMs / 1000).toFixed(1)}s\n`,
      );
    });
  kafka
    .command('stop')
    .description('stop the local Kafka broker')
    .action(async () => {
      const { config, logger } = deps();
      const { wasRunning } = await stopLocalKafka(requireLocal(config), logger);
      process.stdout.write(wasRunning ? 'stopped\n' : 'was not running\n');
    });
  kafka
    .command('status')
    .description('is the local Kafka installed and running?')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const { config } = deps();
      const status = await localKafkaStatus(requireLocal(config));
      process.stdout.write(
        options.json
          ? `${JSON.stringify(status)}\n`
          : `Kafka ${status.version}: ${status.installed ? 'installed' : 'not installed'}, ${status.running ? 'running' : 'stopped'}; data in ${status.instanceDir}\n`,
      );
    });
}
