export { CommunityPagePrefetch } from './community-pages.js';
export { ProductPagePrefetch } from './product-pages.js';
export { UserPagePrefetch, type PageLoaders } from './user-pages.js';
