import type { Command } from 'commander';
import { countReviewers, currentSentimentModels, rereadReviews } from '../../activity/index.js';
import { createProgress } from '../../lib/progress.js';
import { withDatabase, type CliDeps } from '../session.js';

const fmt = (n: number) => n.toLocaleString('en-US');
const count = (n: number, noun: string) => `${fmt(n)} ${noun}${n === 1 ? '' : 's'}`;

export function registerReviewsCommands(program: Command, deps: () => CliDeps): void {
  const reviews = program.command('reviews').description('what users wrote (REVIEW events)');
  reviews
    .command('reread')
    .description(
      'read every stored review again with the current reader and sentiment models (sentiment, its source and reasons, keywords): after an upgrade changed how reviews are read (the TAGS run does this itself after fitting the models)',
    )
    .action(async () => {
      const { logger } = deps();
      const progress = createProgress(logger, { activity: 're-reading reviews of' });
      const report = await withDatabase(deps(), async (database) => {
        const reviewers = await countReviewers(database.db);
        const models = await currentSentimentModels(database.db);
        const learned = [...models.keys()];
        logger.info(
          learned.length > 0
            ? `sentiment from the shop's own models for: ${learned.join(', ')}`
            : 'no learned sentiment model yet (a TAGS run fits one per language with enough rated reviews)',
        );
        const task = progress.start('users', reviewers);
        const done = await rereadReviews(database.db, models, (users) => task.update(users, users));
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
