import { createLoaders, createServices } from '../context.js';
import type { AppDeps } from '../deps.js';
import type { EventBatchWriter } from './consumer.js';

/**
 * The stream's write path is the recordEvents mutation's: the same services, built as a request
 * builds them (identity resolution, rule-tag refresh of the users a batch touched), with a clock
 * read once per batch as a request reads it once.
 */
export function graphEventWriter(deps: AppDeps): EventBatchWriter {
  return async (events) => {
    const now = new Date();
    const services = createServices(deps, createLoaders(deps.db, deps.loaders), now);
    return services.activity.recordEvents(events, now);
  };
}
