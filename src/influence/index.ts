export { influenceTask } from './jobs.js';
export { GDS_PAGERANK_DEFAULTS, pageRank, type PageRankOptions } from './pagerank.js';
export { influenceResolvers } from './resolvers.js';
export { greedyCoverage, InfluenceService, toKol, type KeyOpinionLeader } from './service.js';
export { INFLUENCE_SLOTS, type KolRow } from './queries.js';
