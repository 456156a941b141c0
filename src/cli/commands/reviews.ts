import type { Command } from 'commander';
import { rereadReviews } from '../../activity/index.js';
import { toSafeNumber } from '../../db/values.js';
import { ingestQueries } from '../../ingest/queries.js';
import { createProgress } from '../../lib/progress.js';
import { withDatabase, type CliDeps } from '../session.js';

const fmt = (n: number) => n.toLocaleString('en-US');
const count = (n: number, noun: string) => `${fmt(n)} ${noun}${n === 1 ? '' : 's'}`;

export function registerReviewsCommands(program: Command, deps: () => CliDeps): void {
  const reviews = program.command('reviews').description('what users wrote (REVIEW events)');
  reviews
    .command('reread')
    .description('read every stored review again with the current reader (sentiment, keywords): after an upgrade changed how reviews are read')
    .action(async () => {
      const { logger } = deps();
      const progress = createProgress(logger, { activity: 're-reading reviews of' });
      const report = await withDatabase(deps(), async (database) => {
        const [graph] = await database.db.query(ingestQueries.countUsers, {});
        const task = progress.start('users', toSafeNumber(graph?.users ?? 0));
        const done = await rereadReviews(database.db, (users) => task.update(users, users));
        task.finish(done.users);
        return done;
      });
      progress.stop();
      const read = `re-read ${count(report.reviews, 'review')} of ${count(report.users, 'user')}`;
      process.stderr.write(
        report.changed === 0
          ? `${read}: every one stored as the current reader reads it; nothing written\n`
          : `${read}: ${fmt(report.changed)} read differently now and rewritten; the sentiment and topics tags follow on the next TAGS run (\`analytics run --kinds tags\`)\n`,
      );
    });
}
