export { PortraitsService, type Portrait, type PortraitComparisonModel } from './service.js';
export { toGroup } from './group-input.js';
export type { PortraitGroup } from './service.js';
