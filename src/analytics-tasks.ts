import type { AnalyticsTask } from './analytics/index.js';
import { communitiesTask } from './communities/index.js';
import type { Config } from './config.js';
import { influenceTask } from './influence/index.js';
import { recommendationsTask } from './recommendations/index.js';
import { tagsTask } from './tags/index.js';

/** What the tasks take from the configuration (the worker thread gets it in its setup). */
export type AnalyticsTaskSettings = Pick<Config['analytics'], 'eventLogRetentionDays' | 'kolSampleFloor'>;

/** The features that run as analytics jobs; shared by the API and its analytics worker thread. */
export function analyticsTasks(settings: AnalyticsTaskSettings): readonly AnalyticsTask[] {
  return [influenceTask(settings), communitiesTask, tagsTask(settings), recommendationsTask];
}
