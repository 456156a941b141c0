export { AnalyticsEngine, streamProjection, type AnalyticsTask, type TaskContext } from './engine.js';
export { jobLiveness, JobStore, toJob, type AnalyticsBackendName, type AnalyticsJob, type AnalyticsKind } from './jobs.js';
export { nmi, projectionFrom, type Projection } from './projection.js';
