export { AnalyticsEngine, streamProjection, type AnalyticsTask, type JobSpec, type TaskContext } from './engine.js';
export type { WorkerRunner, WorkerSetup } from './worker-host.js';
export { jobLiveness, JobStore, toJob, type AnalyticsBackendName, type AnalyticsJob, type AnalyticsKind } from './jobs.js';
export { nmi, projectionFrom, type Projection } from './projection.js';
export { checkJobRequest, DEFAULT_SEED, type JobRequest } from './request.js';
export type { JobErrorCode } from './job-errors.js';
