export { CommunityPagePrefetch } from './community-pages.js';
export { ProductPagePrefetch } from './product-pages.js';
export { UserPagePrefetch } from './user-pages.js';
