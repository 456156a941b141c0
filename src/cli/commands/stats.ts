import type { Command } from 'commander';
import { neo4jValueToJson } from '../../db/values.js';
import { graphStats } from '../../ingest/stats.js';
import { withDatabase, type CliDeps } from '../session.js';

export function registerStatsCommand(program: Command, deps: () => CliDeps): void {
  program
    .command('stats')
    .description('counts by label and relationship type, and data freshness')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const stats = await withDatabase(deps(), async (database) => {
        const { config } = deps();
        return neo4jValueToJson(await graphStats(database.db, config.ingest.runStaleAfterMs)) as Record<string, unknown>;
      });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(stats)}\n`);
        return;
      }
      const { lastActivity, lastImport, ...counts } = stats;
      for (const [name, value] of Object.entries(counts)) process.stdout.write(`${name.padEnd(14)} ${String(value).padStart(12)}\n`);
      process.stdout.write(`${'lastActivity'.padEnd(14)} ${String(lastActivity ?? 'none')}\n`);
      process.stdout.write(`${'lastImport'.padEnd(14)} ${lastImport ? JSON.stringify(lastImport) : 'none'}\n`);
    });
}
