export { influenceTask } from './jobs.js';
export { GDS_PAGERANK_DEFAULTS, pageRank, type PageRankOptions } from './pagerank.js';
export { influenceResolvers } from './resolvers.js';
export { greedyCoverage, InfluenceService, type KeyOpinionLeader } from './service.js';
