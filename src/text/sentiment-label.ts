/** From this mean review sentiment up a user reads as SATISFIED; from its negative down, DETRACTOR. */
export const SENTIMENT_LABEL_THRESHOLD = 0.25;

export type SentimentLabel = 'SATISFIED' | 'NEUTRAL' | 'DETRACTOR';

/** null: no review of theirs had a sentiment that could be read (Chinese text only, so far). */
export function sentimentLabel(mean: number | null): SentimentLabel | null {
  if (mean === null) return null;
  if (mean >= SENTIMENT_LABEL_THRESHOLD) return 'SATISFIED';
  if (mean <= -SENTIMENT_LABEL_THRESHOLD) return 'DETRACTOR';
  return 'NEUTRAL';
}
