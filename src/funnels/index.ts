export { FunnelsService, FUNNEL_LIMITS } from './service.js';
export { durationMs } from './duration.js';
