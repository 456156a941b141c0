/**
 * The English reader that review keywords and the sentiment lexicon share: wink-nlp with its
 * English model (wink-eng-lite-web-model, both MIT). Sentiment comes from the model's lexicon
 * with negation and emphasis handling; Chinese text it cannot read (null, not a neutral 0).
 */
import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import { hasChineseText } from './chinese-keywords.js';

export type EnglishNlp = ReturnType<typeof winkNLP>;
export type EnglishDoc = ReturnType<EnglishNlp['readDoc']>;

// Loaded on the first review only: the model is 4 MB, and most processes never read one.
let nlp: EnglishNlp | null = null;

export function englishNlp(): EnglishNlp {
  nlp ??= winkNLP(model);
  return nlp;
}

/** The lexicon's score of a document read by englishNlp(), −1 … 1 to three decimals. */
export function lexiconScore(doc: EnglishDoc, its: EnglishNlp['its']): number {
  const sentiment = Number(doc.out(its.sentiment));
  return Number.isFinite(sentiment) ? Math.round(sentiment * 1_000) / 1_000 : 0;
}

/** The lexicon's sentiment of a text (−1 … 1); null for Chinese, which it cannot read. */
export function lexiconSentiment(text: string): number | null {
  if (hasChineseText(text)) return null;
  const reader = englishNlp();
  return lexiconScore(reader.readDoc(text), reader.its);
}
