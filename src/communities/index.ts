export { communitiesTask } from './jobs.js';
export { createCommunityLoaders, type CommunityLoaders } from './loaders.js';
export { detectCommunities, modularity, undirectedTies } from './partition.js';
export { CommunitiesService, type CommunityLink } from './service.js';
export { communityInterest, toCommunity, type Community, type CommunityInterest } from './types.js';
export type { CommunityMap } from './queries.js';
