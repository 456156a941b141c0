export { OverviewService, type Overview } from './service.js';
