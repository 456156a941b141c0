export { NO_SENTIMENT_MODELS, readReview, SENTIMENT_SOURCES, type ReviewReading, type SentimentModels, type SentimentSource } from './read-review.js';
export {
  crossValidate,
  fitSentimentModel,
  fromSparse,
  REVIEW_LANGUAGES,
  reviewLanguage,
  toSparse,
  type LabelledReview,
  type ReviewLanguage,
} from './sentiment-model.js';
export { sentimentLabel } from './sentiment-label.js';
export { hasVisibleText } from './visible-text.js';
