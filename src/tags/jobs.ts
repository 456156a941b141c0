import { pruneEventLogOlderThan } from '../activity/index.js';
import type { AnalyticsTask } from '../analytics/index.js';
import { completeDueCampaigns } from '../campaigns/index.js';
import { int } from '../db/values.js';
import { SegmentsService } from '../segments/index.js';
import { TagsService } from './service.js';

/**
 * TAGS: value tiers and churn risk for everyone, on the current population's scale, and every
 * rule tag recomputed; then the event log is pruned to its retention (the job that reads it last,
 * and the one operators already run on a schedule), and campaigns that are over are set DONE.
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
      await context.progress(0.95, 'pruning the event log');
      const pruned = await pruneEventLogOlderThan(context.db, settings.eventLogRetentionDays, now);
      const campaignsDone = await completeDueCampaigns(context.db, now);
      context.logger.info({ ...stats, eventLogEntriesDeleted: pruned.deleted, eventLogBefore: pruned.before, campaignsDone }, 'tags computed');
      return { eventLogEntriesDeleted: int(pruned.deleted) };
    },
  };
}
