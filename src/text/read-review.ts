/**
 * What a review says, read once when it is recorded: its sentiment, from −1 (negative) to 1
 * (positive), and its keywords. wink-nlp with its English model (wink-eng-lite-web-model, both
 * MIT): sentiment from the model's sentiment lexicon with negation and emphasis handling;
 * keywords are the lemmas of the nouns, most frequent first. Text with Chinese characters takes
 * its keywords from jieba instead (./chinese-keywords.ts) and has no sentiment (null, not a
 * neutral 0: no Chinese lexicon is in; docs/ALGORITHMS.md#review-sentiment-and-topics).
 * Accuracy on public labelled sentences: `npm run bench:sentiment`.
 */
import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import { chineseNounCounts, hasChineseText } from './chinese-keywords.js';

export interface ReviewReading {
  /** −1 … 1; 0 for text the model finds no sentiment in; null for text it cannot read (Chinese). */
  sentiment: number | null;
  /** At most five, most frequent first (ties: first seen). */
  keywords: string[];
}

const MAX_KEYWORDS = 5;

// Loaded on the first review only: the model is 4 MB, and most processes never read one.
let nlp: ReturnType<typeof winkNLP> | null = null;

const sentimentOfWord = new Map<string, boolean>();

function carriesSentiment(word: string): boolean {
  let known = sentimentOfWord.get(word);
  if (known === undefined && nlp) {
    known = Number(nlp.readDoc(word).out(nlp.its.sentiment)) !== 0;
    if (sentimentOfWord.size < 50_000) sentimentOfWord.set(word, known);
  }
  return known ?? false;
}

/** Lemmas of the nouns of English text, with how often each occurs, in order of first use. */
function englishNounCounts(doc: ReturnType<ReturnType<typeof winkNLP>['readDoc']>, its: ReturnType<typeof winkNLP>['its']): Map<string, number> {
  const tokens = doc.tokens();
  const pos = tokens.out(its.pos) as string[];
  // its.lemma needs the model's lemmatize addon, which wink-nlp's types do not tie to the model.
  const lemmas = tokens.out(its.lemma as unknown as typeof its.normal) as string[];
  const stopWords = tokens.out(its.stopWordFlag) as unknown as boolean[];
  const counts = new Map<string, number>();
  lemmas.forEach((raw, index) => {
    if ((pos[index] !== 'NOUN' && pos[index] !== 'PROPN') || stopWords[index]) return;
    const lemma = raw.toLowerCase();
    // Words of letters only: no numbers, e-mail addresses or phone numbers become topics.
    if (lemma.length < 3 || !/^\p{L}+$/u.test(lemma)) return;
    // The lite model tags a capitalised "Lovely" or "Terrible" opening a sentence as a proper
    // noun: such a word that carries sentiment on its own is an opinion, not a topic. (Only
    // there: the lexicon gives "colour" a sentiment too, and a colour is a fair topic.)
    if (pos[index] === 'PROPN' && carriesSentiment(lemma)) return;
    counts.set(lemma, (counts.get(lemma) ?? 0) + 1);
  });
  return counts;
}

/** The lexicon's sentiment of a text (−1 … 1), without its keywords; null for Chinese, which it cannot read. */
export function lexiconSentiment(text: string): number | null {
  if (hasChineseText(text)) return null;
  nlp ??= winkNLP(model);
  return sentimentOf(nlp.readDoc(text), nlp.its);
}

function sentimentOf(doc: ReturnType<ReturnType<typeof winkNLP>['readDoc']>, its: ReturnType<typeof winkNLP>['its']): number {
  const sentiment = Number(doc.out(its.sentiment));
  return Number.isFinite(sentiment) ? Math.round(sentiment * 1_000) / 1_000 : 0;
}

export function readReview(text: string): ReviewReading {
  nlp ??= winkNLP(model);
  const { its } = nlp;
  const doc = nlp.readDoc(text);
  // A Chinese review's English words (a product name) are not its topics: the English model
  // reads a run of Chinese characters as one unknown token.
  const chinese = hasChineseText(text);
  const counts = chinese ? chineseNounCounts(text) : englishNounCounts(doc, its);
  const keywords = [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_KEYWORDS)
    .map(([word]) => word);
  return { sentiment: chinese ? null : sentimentOf(doc, its), keywords };
}
