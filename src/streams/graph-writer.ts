import { createEventPipeline, type EventPipelineDeps } from '../event-pipeline/index.js';
import type { TagRefreshQueue } from '../tags/index.js';
import type { EventBatchWriter } from './consumer.js';

/**
 * The stream's write path is the recordEvents mutation's: the same event pipeline
 * (src/event-pipeline/), with a clock read once per batch as a request reads it once. One
 * difference: the rescoring is queued (tags/refresh-queue.ts) and runs beside the next batches,
 * coalesced, instead of before the next batch may start; `drain` waits for it (the consumer
 * drains before it stops).
 */
export function graphEventWriter(deps: EventPipelineDeps): EventBatchWriter & { drain: () => Promise<void>; refreshes: TagRefreshQueue } {
  const pipeline = createEventPipeline(deps, { refresh: 'queued' });
  const write = (events: Parameters<EventBatchWriter>[0]) => pipeline.activity.recordEvents(events, new Date());
  return Object.assign(write, { drain: () => pipeline.settle(new Date()), refreshes: pipeline.queue });
}
