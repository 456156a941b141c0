import { createLoaders, createServices } from '../context.js';
import type { AppDeps } from '../deps.js';
import { TagRefreshQueue } from '../tags/index.js';
import type { EventBatchWriter } from './consumer.js';

/**
 * The stream's write path is the recordEvents mutation's: the same services, built as a request
 * builds them (identity resolution, the users a batch touched rescored), with a clock read once
 * per batch as a request reads it once. One difference: the rescoring is queued
 * (tags/refresh-queue.ts) and runs beside the next batches, coalesced, instead of before the
 * next batch may start; `drain` waits for it (the consumer drains before it stops).
 */
export function graphEventWriter(deps: AppDeps): EventBatchWriter & { drain: () => Promise<void>; refreshes: TagRefreshQueue } {
  const refreshes = new TagRefreshQueue(
    (userIds, now) => createServices(deps, createLoaders(deps.db, deps.loaders), now).tags.refreshUsers(userIds, now),
    deps.logger.child({ module: 'streams' }),
  );
  const write = async (events: Parameters<EventBatchWriter>[0]) => {
    const now = new Date();
    const afterWrite = async (userIds: string[]) => {
      refreshes.add(userIds);
      return [];
    };
    const services = createServices(deps, createLoaders(deps.db, deps.loaders), now, { afterWrite });
    return services.activity.recordEvents(events, now);
  };
  return Object.assign(write, { drain: () => refreshes.drain(), refreshes });
}
