export { createEventPipeline, refreshTouchedUsers, type EventPipeline, type EventPipelineDeps } from './pipeline.js';
