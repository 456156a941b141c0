export { communitiesTask } from './jobs.js';
export { createCommunityLoaders, type CommunityLoaders } from './loaders.js';
export { louvain, modularity, toUndirected } from './louvain.js';
export { CommunitiesService } from './service.js';
export { communityInterest, toCommunity, type Community, type CommunityInterest } from './types.js';
export type { CommunityMap } from './queries.js';
