export { averagePrecision, blend, precisionAt, seedFolds, SIGNALS, splitSeed, type Reason, type Signal, type SignalScores } from './scoring.js';
export { chooseWeightsAcrossFolds, FoldScorer } from './weight-choice.js';
export { writeInterestVectors } from './interest-vectors.js';
export { LookalikeService, type LookalikeResult } from './service.js';
export type { LookalikeMemberParent } from './types.js';
