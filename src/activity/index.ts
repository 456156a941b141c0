export { createActivityLoaders, type ActivityLoaders, type Purchase } from './loaders.js';
export { ActivityService, type ActivityEvent } from './service.js';
export { applySignals, baseSignal, decayAndAdd, HALF_LIFE_DAYS } from './interest-weights.js';
