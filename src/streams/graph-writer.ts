import { createEventPipeline, type EventPipelineDeps } from '../event-pipeline/index.js';
import type { TagRefreshQueue } from '../tags/index.js';
import type { EventBatchWriter } from './consumer.js';

/**
 * The stream's write path is the recordEvents mutation's: the same event pipeline
 * (src/event-pipeline/), with a clock read once per batch as a request reads it once. One
 * difference: each batch queues its rescoring as a durable request in its own transaction
 * (tags/refresh-queue.ts), refreshed beside the next batches and coalesced, instead of before
 * the next batch may start. `refreshes.start()` also takes the requests other processes left;
 * `drain` refreshes what is waiting and stops that (the consumer drains before it stops).
 */
export function graphEventWriter(deps: EventPipelineDeps): EventBatchWriter & { drain: () => Promise<void>; refreshes: TagRefreshQueue } {
  const pipeline = createEventPipeline(deps, { refresh: 'queued' });
  const write = (events: Parameters<EventBatchWriter>[0]) => pipeline.activity.recordEvents(events, new Date());
  const drain = async () => {
    await pipeline.settle(new Date());
    await pipeline.queue.stop();
  };
  return Object.assign(write, { drain, refreshes: pipeline.queue });
}
