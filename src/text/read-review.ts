/**
 * What a review says, read once when it is recorded: its sentiment, from −1 (negative) to 1
 * (positive), where it came from, and its keywords. Sentiment comes from the model learned on the
 * shop's own rated reviews in the review's language when the TAGS run could fit one
 * (./sentiment-model.ts, with the words that moved its score as reasons); otherwise from the
 * English lexicon (./english-model.ts) for text it can read, and none (null, not a neutral 0)
 * for Chinese. Keywords are the lemmas of the nouns, most frequent first; Chinese text takes them
 * from jieba (./chinese-keywords.ts). docs/ALGORITHMS.md#review-sentiment-and-topics; accuracy
 * on public labelled reviews: `npm run bench:sentiment`.
 */
import { chineseNounCounts } from './chinese-keywords.js';
import { englishNlp, lexiconScore, type EnglishDoc, type EnglishNlp } from './english-model.js';
import { readSentiment, reviewLanguage, type ReviewLanguage, type SentimentModel } from './sentiment-model.js';

/** LEARNED: the shop's own model for the language; LEXICON: the English lexicon; NONE: unread (Chinese without a model). */
export const SENTIMENT_SOURCES = ['LEARNED', 'LEXICON', 'NONE'] as const;
export type SentimentSource = (typeof SENTIMENT_SOURCES)[number];

export interface ReviewReading {
  /** −1 … 1; 0 for text the lexicon finds no sentiment in; null for text nothing can read yet. */
  sentiment: number | null;
  sentimentSource: SentimentSource;
  /** LEARNED only: the words that moved the score most, strongest first, and each one's pull (positive: toward positive). */
  sentimentReasons: string[];
  sentimentReasonWeights: number[];
  /** At most five, most frequent first (ties: first seen). */
  keywords: string[];
}

/** The models the last TAGS run fitted, by language (src/activity/sentiment-models.ts loads them). */
export type SentimentModels = ReadonlyMap<ReviewLanguage, SentimentModel>;

export const NO_SENTIMENT_MODELS: SentimentModels = new Map();

const MAX_KEYWORDS = 5;
const MAX_REASONS = 3;

const sentimentOfWord = new Map<string, boolean>();

function carriesSentiment(word: string): boolean {
  let known = sentimentOfWord.get(word);
  if (known === undefined) {
    const nlp = englishNlp();
    known = Number(nlp.readDoc(word).out(nlp.its.sentiment)) !== 0;
    if (sentimentOfWord.size < 50_000) sentimentOfWord.set(word, known);
  }
  return known;
}

/** Lemmas of the nouns of English text, with how often each occurs, in order of first use. */
function englishNounCounts(doc: EnglishDoc, its: EnglishNlp['its']): Map<string, number> {
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

const round3 = (value: number) => Math.round(value * 1_000) / 1_000;

export function readReview(text: string, models: SentimentModels = NO_SENTIMENT_MODELS): ReviewReading {
  const language = reviewLanguage(text);
  let counts: Map<string, number>;
  let lexicon: number | null = null;
  if (language === 'zh') {
    // A Chinese review's English words (a product name) are not its topics, and the English
    // lexicon cannot read it: jieba alone.
    counts = chineseNounCounts(text);
  } else {
    const nlp = englishNlp();
    const doc = nlp.readDoc(text);
    counts = englishNounCounts(doc, nlp.its);
    lexicon = lexiconScore(doc, nlp.its);
  }
  const keywords = [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_KEYWORDS)
    .map(([word]) => word);
  const model = models.get(language);
  if (model) {
    const reading = readSentiment(model, text, MAX_REASONS, lexicon ?? 0);
    return {
      sentiment: round3(reading.score),
      sentimentSource: 'LEARNED',
      sentimentReasons: reading.reasons.map((reason) => reason.token),
      sentimentReasonWeights: reading.reasons.map((reason) => round3(reason.weight)),
      keywords,
    };
  }
  return { sentiment: lexicon, sentimentSource: lexicon === null ? 'NONE' : 'LEXICON', sentimentReasons: [], sentimentReasonWeights: [], keywords };
}
