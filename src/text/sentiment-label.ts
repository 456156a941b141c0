/** From this mean review sentiment up a user reads as SATISFIED; from its negative down, DETRACTOR. */
export const SENTIMENT_LABEL_THRESHOLD = 0.25;

export type SentimentLabel = 'SATISFIED' | 'NEUTRAL' | 'DETRACTOR';

export function sentimentLabel(mean: number): SentimentLabel {
  if (mean >= SENTIMENT_LABEL_THRESHOLD) return 'SATISFIED';
  if (mean <= -SENTIMENT_LABEL_THRESHOLD) return 'DETRACTOR';
  return 'NEUTRAL';
}
