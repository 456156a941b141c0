export { UserPagePrefetch, type PageLoaders } from './service.js';
