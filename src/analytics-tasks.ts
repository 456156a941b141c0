import type { AnalyticsTask } from './analytics/index.js';
import { communitiesTask } from './communities/index.js';
import { influenceTask } from './influence/index.js';
import { tagsTask } from './tags/index.js';

/** The features that run as analytics jobs; shared by the API and its analytics worker thread. */
export const ANALYTICS_TASKS: readonly AnalyticsTask[] = [influenceTask, communitiesTask, tagsTask];
