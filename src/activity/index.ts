export { createActivityLoaders, type ActivityLoaders, type Purchase, type Review, type ReviewTopic, type UserReviewSentiment } from './loaders.js';
export {
  ActivityService,
  afterCommit,
  applyInterestSignals,
  type ActivityEvent,
  type AfterWrite,
  type QueuedTagRefresh,
  type TagRefreshFailure,
} from './service.js';
export {
  applySignals,
  baseSignal,
  decayAndAdd,
  HALF_LIFE_DAYS,
  HALF_LIFE_MS,
  type EventKind,
  type InterestSignal,
  type WeightState,
} from './interest-weights.js';
export { pruneEventLogOlderThan } from './event-log-retention.js';
export { countReviewers, rereadReviews } from './reread-reviews.js';
export { currentSentimentModels, fitSentimentModels } from './sentiment-models.js';
