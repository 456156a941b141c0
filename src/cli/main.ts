import { Command, CommanderError } from 'commander';
import { loadConfig, type Config } from '../config.js';
import { AppError } from '../errors.js';
import { createLogger, logDestination, type Logger } from '../logger.js';
import { registerAnalyticsCommands } from './commands/analytics.js';
import { registerConsumeCommand } from './commands/consume.js';
import { registerDbCommands } from './commands/db.js';
import { registerGenerateCommand } from './commands/generate.js';
import { registerKafkaCommands } from './commands/kafka.js';
import { registerImportCommand } from './commands/import.js';
import { registerResetCommand } from './commands/reset.js';
import { registerReviewsCommands } from './commands/reviews.js';
import { registerSegmentsCommands } from './commands/segments.js';
import { registerCampaignsCommands } from './commands/campaigns.js';
import { registerStatsCommand } from './commands/stats.js';
import { EXIT_CODES } from './exit-codes.js';

function buildProgram(): Command {
  let deps: { config: Config; logger: Logger } | null = null;
  // Config is read lazily so `--help` works even with a broken environment.
  const lazyDeps = () => {
    if (!deps) {
      const config = loadConfig(process.env); // the CLI's one read of process.env
      deps = { config, logger: createLogger(config.log.level, undefined, logDestination(config.log)) };
    }
    return deps;
  };
  const program = new Command('profile-graph')
    .description('profile-graph: a GraphQL API and tools over a Neo4j graph of users, products, interests and social ties')
    .showHelpAfterError()
    .exitOverride();
  registerDbCommands(program, lazyDeps);
  registerKafkaCommands(program, lazyDeps);
  registerImportCommand(program, lazyDeps);
  registerGenerateCommand(program, lazyDeps);
  registerStatsCommand(program, lazyDeps);
  registerResetCommand(program, lazyDeps);
  registerAnalyticsCommands(program, lazyDeps);
  registerSegmentsCommands(program, lazyDeps);
  registerCampaignsCommands(program, lazyDeps);
  registerReviewsCommands(program, lazyDeps);
  registerConsumeCommand(program, lazyDeps);
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage);
    // The services' argument rules (shared with the API) are usage errors here.
    const usage = error instanceof AppError && error.extensions.code === 'BAD_USER_INPUT';
    process.stderr.write(`profile-graph: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(usage ? EXIT_CODES.usage : EXIT_CODES.failure);
  });
