import type { Command } from 'commander';
import { deleteAllData } from '../../ingest/reset.js';
import { withDatabase, type CliDeps } from '../session.js';

export function registerResetCommand(program: Command, deps: () => CliDeps): void {
  program
    .command('reset')
    .description('delete ALL data in the database (schema is kept)')
    .option('--yes', 'confirm: without it nothing is deleted')
    .action(async (options: { yes?: boolean }) => {
      const { config } = deps();
      if (!options.yes) {
        throw new Error(`refusing to delete every node in ${config.neo4j.uri} (database "${config.neo4j.database}") without --yes`);
      }
      await withDatabase(deps(), (database) => deleteAllData(database.db));
      process.stdout.write(`deleted all data in ${config.neo4j.uri} (database "${config.neo4j.database}")\n`);
    });
}
