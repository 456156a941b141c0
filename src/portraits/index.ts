export { PortraitsService, type Portrait, type PortraitComparisonModel } from './service.js';
