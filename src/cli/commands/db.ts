import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { localNeo4jStatus, startLocalNeo4j, stopLocalNeo4j } from '../../local-neo4j/server.js';
import type { Logger } from '../../logger.js';

function requireLocal(config: Config): NonNullable<Config['localNeo4j']> {
  if (!config.localNeo4j) {
    throw new Error(`NEO4J_URI is set (${config.neo4j.uri}): that server is managed elsewhere; db commands act on the local one only.`);
  }
  return config.localNeo4j;
}

/** `profile-graph db start|stop|status`: the project's own Neo4j, from the Maven Central cache. */
export function registerDbCommands(program: Command, deps: () => { config: Config; logger: Logger }): void {
  const db = program.command('db').description('manage the local Neo4j server (ignored when NEO4J_URI is set)');
  db.command('start')
    .description('obtain Neo4j (and GDS) from Maven Central if needed, start it on loopback, wait for Bolt')
    .action(async () => {
      const { config, logger } = deps();
      const started = await startLocalNeo4j(requireLocal(config), config.neo4j.password, logger);
      process.stdout.write(
        `${started.alreadyRunning ? 'already running' : 'started'}: ${started.uri} (Neo4j ${started.versions.neo4j}` +
          `${started.gds ? `, GDS ${started.versions.gds}` : ', no GDS'}) in ${(started.startMs / 1000).toFixed(1)}s\n`,
      );
    });
  db.command('stop')
    .description('stop the local Neo4j')
    .action(async () => {
      const { config, logger } = deps();
      const { wasRunning } = await stopLocalNeo4j(requireLocal(config), logger);
      process.stdout.write(wasRunning ? 'stopped\n' : 'was not running\n');
    });
  db.command('status')
    .description('is the local Neo4j installed and running?')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const { config } = deps();
      const status = await localNeo4jStatus(requireLocal(config));
      process.stdout.write(
        options.json
          ? `${JSON.stringify(status)}\n`
          : `Neo4j ${status.versions.neo4j}: ${status.installed ? 'installed' : 'not installed'}, ${status.running ? 'running' : 'stopped'}; ` +
              `GDS ${status.versions.gds}: ${status.gds ? 'enabled' : 'not available'}; data in ${status.instanceDir}\n`,
      );
    });
}
