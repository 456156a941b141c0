export { AnalyticsEngine, streamProjection } from './engine.js';
export { analyseSeededGraph } from './first-run.js';
export type { AnalyticsTask, TaskContext } from './task.js';
export { jobLiveness, JobStore, type AnalyticsBackendName, type AnalyticsJob, type AnalyticsKind } from './jobs.js';
export { projectionFrom, type Projection } from './projection.js';
