export { readReview } from './read-review.js';
export { sentimentLabel } from './sentiment-label.js';
export { hasVisibleText } from './visible-text.js';
