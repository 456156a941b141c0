export { communitiesTask } from './jobs.js';
export { louvain, modularity, modularityShares, partitionFromLabels, toUndirected, type Partition } from './louvain.js';
export { communityResolvers } from './resolvers.js';
export { CommunitiesService, type Community } from './service.js';
