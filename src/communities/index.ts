export { communitiesTask } from './jobs.js';
export { louvain, modularity, modularityShares, partitionFromLabels, toUndirected, type Partition } from './louvain.js';
export { communityResolvers } from './resolvers.js';
export { communityInterest, CommunitiesService, toCommunity, type Community, type CommunityInterest } from './service.js';
export type { CommunityMap } from './queries.js';
