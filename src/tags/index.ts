export { tagsTask } from './jobs.js';
export { createTagLoaders } from './loaders.js';
export { TagsService, type TagDefinition } from './service.js';
export { queueTagRefresh, TagRefreshQueue } from './refresh-queue.js';
