import type { AnalyticsTask } from '../analytics/index.js';
import { SegmentsService } from '../segments/index.js';
import { TagsService } from './service.js';

/** TAGS: value tiers and churn risk for everyone, on the current population's scale, and every rule tag recomputed. */
export const tagsTask: AnalyticsTask = {
  kind: 'TAGS',
  async run(context) {
    const segments = new SegmentsService(context.db);
    const tags = new TagsService(context.db, (rule, now) => segments.compile(rule, now));
    const stats = await tags.computeAll(new Date(), context.progress);
    context.logger.info(stats, 'tags computed');
    return {};
  },
};
