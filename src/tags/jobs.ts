import { currentSentimentModels, fitSentimentModels, pruneEventLogOlderThan, rereadReviews } from '../activity/index.js';
import type { AnalyticsTask } from '../analytics/index.js';
import { completeDueCampaigns } from '../campaigns/index.js';
import { int } from '../db/values.js';
import { SegmentsService } from '../segments/index.js';
import { TagsService } from './service.js';

/**
 * TAGS: value tiers and churn risk for everyone, on the current population's scale, and every
 * rule tag recomputed; the review sentiment models refitted on the shop's rated reviews and every
 * stored review read again with them; then the event log is pruned to its retention (the job that
 * reads it last, and the one operators already run on a schedule), and campaigns that are over
 * are set DONE.
 */
export function tagsTask(settings: { eventLogRetentionDays: number }): AnalyticsTask {
  return {
    kind: 'TAGS',
    async run(context) {
      const segments = new SegmentsService(context.db);
      const tags = new TagsService(context.db, (rule, now) => segments.compile(rule, now));
      const now = new Date();
      const stats = await tags.computeAll(now, context.progress);
      for (const failure of stats.ruleTagsNotComputed) context.logger.warn(failure, 'rule tag not computed: its rule no longer compiles');
      await context.progress(0.85, 'review sentiment');
      const modelsBefore = await currentSentimentModels(context.db);
      const sentiment = await fitSentimentModels(context.db, now);
      for (const fit of sentiment) context.logger.info(fit, fit.fitted ? 'review sentiment model fitted' : 'too few rated reviews for a sentiment model');
      // Every review brought to the models now (writes only what changed); with no model before
      // or after, every review already reads as the lexicon reads it.
      const models = await currentSentimentModels(context.db);
      const reread = modelsBefore.size > 0 || models.size > 0 ? await rereadReviews(context.db, models) : null;
      await context.progress(0.95, 'pruning the event log');
      const pruned = await pruneEventLogOlderThan(context.db, settings.eventLogRetentionDays, now);
      const campaignsDone = await completeDueCampaigns(context.db, now);
      context.logger.info(
        { ...stats, reviewsReadAgain: reread?.changed ?? 0, eventLogEntriesDeleted: pruned.deleted, eventLogBefore: pruned.before, campaignsDone },
        'tags computed',
      );
      return {
        eventLogEntriesDeleted: int(pruned.deleted),
        sentimentModelsFitted: int(sentiment.filter((fit) => fit.fitted).length),
        reviewsReadAgain: int(reread?.changed ?? 0),
      };
    },
  };
}
