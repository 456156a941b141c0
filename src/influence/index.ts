export { influenceTask, KOL_SET_MAX } from './jobs.js';
export { createInfluenceLoaders, toPublished, type InfluenceLoaders, type KolListArgs } from './loaders.js';
export { GDS_PAGERANK_DEFAULTS, pageRank } from './pagerank.js';
export { greedyCoverage, InfluenceService } from './service.js';
export { INFLUENCE_SLOTS, type KolRow } from './queries.js';
export { toKol, type Influence, type KeyOpinionLeader, type KolSet, type PublishedInfluence } from './types.js';
