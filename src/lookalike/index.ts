export { lookalikeResolvers } from './resolvers.js';
export { averagePrecision, blend, precisionAt, seedFolds, SIGNALS, splitSeed, type Scored, type Signal, type SignalScores } from './scoring.js';
export { chooseWeightsAcrossFolds, FoldScorer } from './weight-choice.js';
export { LookalikeService, MAX_AUDIENCE_SIZE, MIN_SEED_SIZE } from './service.js';
export { resolveSeed, type LookalikeSeedInput } from './seed.js';
