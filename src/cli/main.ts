import { Command, CommanderError } from 'commander';
import { loadConfig, type Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { registerDbCommands } from './commands/db.js';

/** Exit codes: 0 ok, 1 failure, 2 usage error (commander), 3 finished with rejected rows. */
export const EXIT = { ok: 0, failure: 1, usage: 2, rejected: 3 } as const;

function buildProgram(): Command {
  let deps: { config: Config; logger: Logger } | null = null;
  // Config is read lazily so `--help` works even with a broken environment.
  const lazyDeps = () => {
    if (!deps) {
      const config = loadConfig(process.env); // the CLI's one read of process.env
      deps = { config, logger: createLogger(config.log.level) };
    }
    return deps;
  };
  const program = new Command('profile-graph')
    .description('profile-graph: a GraphQL API and tools over a Neo4j graph of users, products, interests and social ties')
    .showHelpAfterError()
    .exitOverride();
  registerDbCommands(program, lazyDeps);
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage);
    process.stderr.write(`profile-graph: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(EXIT.failure);
  });
