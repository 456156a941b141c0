/**
 * npm run bench:sentiment — review sentiment (src/text/read-review.ts: wink-nlp's English
 * model) on public labelled sentences: the UCI "Sentiment Labelled Sentences" sets (Kotzias et
 * al., KDD 2015; 1,000 Amazon, IMDb and Yelp sentences each, half positive; CC BY 4.0), as the
 * `sentiment` package ships them for its own validation (a devDependency: nothing is copied
 * into this repository). Accuracy against the majority-class baseline and against that package
 * (AFINN-165 word scores, the usual lexicon baseline), same sentences, same rule (a score ≥ 0
 * reads as positive), and reviews read per second.
 *
 * Chinese keywords (jieba): on seeded reviews built from known aspect nouns and opinion phrases,
 * how many aspects come back as keywords (recall) and how many keywords are aspects (precision),
 * and reviews read per second.
 *
 * Sentiment learned from a shop's own rated reviews (src/text/sentiment-model.ts, issue 39):
 * waimai_10k (11,987 labelled Chinese food-delivery reviews, ../shared/datasets/waimai-10k; read
 * in place, never copied) and each English set as its own shop: 5-fold accuracy and ROC AUC
 * against the majority class and the lexicon (goal: ≥ 0.85 on the Chinese set; ≥ the lexicon +
 * 0.05 on every English set); a model fitted on one shop scoring another's reviews; and accuracy
 * as the shop's rated reviews grow (500, 1,000, 2,000, 5,000; held-out 20 %).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Sentiment from 'sentiment';
import { readReview } from '../src/text/read-review.js';
import { crossValidate, fitSentimentModel, readSentiment, rocAuc, type LabelledReview } from '../src/text/sentiment-model.js';
import { fmt, table } from './common.js';
import { createRandom, pick } from '../src/lib/random.js';

const SETS = ['amazon', 'imdb', 'yelp'] as const;
const fixtures = path.join(path.dirname(createRequire(import.meta.url).resolve('sentiment/package.json')), 'test', 'fixtures');

interface Labelled {
  text: string;
  class: 0 | 1;
}

function accuracy(set: readonly Labelled[], score: (text: string) => number): number {
  return set.filter((item) => (score(item.text) >= 0 ? 1 : 0) === item.class).length / set.length;
}

// What shoppers write about, and what they say of it (any opinion with any aspect).
const ASPECTS = [
  '音质',
  '电池',
  '屏幕',
  '价格',
  '物流',
  '包装',
  '客服',
  '质量',
  '外观',
  '尺寸',
  '颜色',
  '味道',
  '房间',
  '早餐',
  '位置',
  '做工',
  '材质',
  '速度',
  '售后',
  '快递',
];
const OPINIONS = ['很好', '不错', '太差了', '一般', '有点贵', '让人满意', '令人失望', '很快', '特别慢', '还可以'];

function chineseKeywords(reviews: number, seed: number): Record<string, string> {
  const random = createRandom(seed);
  let found = 0;
  let expected = 0;
  let keywords = 0;
  let aspectKeywords = 0;
  let readMs = 0;
  for (let i = 0; i < reviews; i += 1) {
    const aspects = new Set([pick(random, ASPECTS), pick(random, ASPECTS), pick(random, ASPECTS)]);
    const text = `${[...aspects].map((aspect) => `${aspect}${pick(random, OPINIONS)}`).join('，')}。`;
    const started = performance.now();
    const reading = readReview(text);
    readMs += performance.now() - started;
    expected += aspects.size;
    found += [...aspects].filter((aspect) => reading.keywords.includes(aspect)).length;
    keywords += reading.keywords.length;
    aspectKeywords += reading.keywords.filter((word) => aspects.has(word)).length;
  }
  return {
    'Chinese reviews (seeded)': fmt(reviews),
    'aspects found (recall)': (found / expected).toFixed(3),
    'keywords that are aspects (precision)': (aspectKeywords / Math.max(1, keywords)).toFixed(3),
    'read/s (jieba load included)': fmt((reviews * 1000) / readMs),
  };
}

const WAIMAI = path.resolve(import.meta.dirname, '..', '..', 'shared', 'datasets', 'waimai-10k', 'waimai_10k.tsv');

/** The Chinese shop's rated reviews, or null when the shared datasets are not beside the project. */
function waimai(): LabelledReview[] | null {
  if (!existsSync(WAIMAI)) return null;
  return readFileSync(WAIMAI, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [label, ...text] = line.split('\t');
      return { text: text.join('\t'), positive: label === '1' };
    })
    .filter((review) => review.text.trim() !== '');
}

/** Fits on `train`, scores `test`: accuracy (score ≥ 0 reads positive) and AUC. */
function heldOut(train: readonly LabelledReview[], test: readonly LabelledReview[]): { accuracy: number; auc: number } {
  const model = fitSentimentModel(train);
  const scored = test.map((review) => ({ score: readSentiment(model, review.text, 0).score, positive: review.positive }));
  return { accuracy: scored.filter((item) => item.score >= 0 === item.positive).length / scored.length, auc: rocAuc(scored) };
}

function learnedSentiment(shops: Record<string, LabelledReview[]>): string {
  const inDomain: Record<string, string>[] = [];
  for (const [name, reviews] of Object.entries(shops)) {
    const positives = reviews.filter((review) => review.positive).length;
    const lexicon =
      name === 'waimai (zh)' ? null : reviews.filter((review) => (readReview(review.text).sentiment ?? 0) >= 0 === review.positive).length / reviews.length;
    const started = performance.now();
    const learned = crossValidate(reviews, 5);
    inDomain.push({
      shop: `${name} (${fmt(reviews.length)}, ${fmt(positives)} positive)`,
      'majority class': (Math.max(positives, reviews.length - positives) / reviews.length).toFixed(3),
      lexicon: lexicon === null ? '— (none for Chinese)' : lexicon.toFixed(3),
      'learned, 5-fold accuracy': learned.accuracy.toFixed(3),
      'learned AUC': learned.auc.toFixed(3),
      goal: lexicon === null ? '≥ 0.85' : `≥ ${(lexicon + 0.05).toFixed(3)} (lexicon + 0.05)`,
      'fits/s (5 folds)': ((5 * 1000) / (performance.now() - started)).toFixed(2),
    });
  }
  const names = Object.keys(shops);
  const across = names.map((from) => ({
    'fitted on ↓ / scoring →': from,
    ...Object.fromEntries(names.map((to) => [to, to === from ? '— (above)' : heldOut(shops[from] ?? [], shops[to] ?? []).accuracy.toFixed(3)])),
  }));
  const growth: Record<string, string>[] = [];
  const chinese = shops['waimai (zh)'];
  if (chinese) {
    const random = createRandom(23);
    const shuffled = [...chinese].sort(() => random() - 0.5);
    const test = shuffled.slice(0, Math.round(chinese.length * 0.2));
    const pool = shuffled.slice(test.length);
    for (const size of [500, 1_000, 2_000, 5_000]) {
      const result = heldOut(pool.slice(0, size), test);
      growth.push({ 'rated reviews': fmt(size), accuracy: result.accuracy.toFixed(3), AUC: result.auc.toFixed(3) });
    }
  }
  return (
    `Learned from each shop's own rated reviews, 5-fold\n${table(inDomain)}\n\n` +
    `A shop's model on another shop's reviews (accuracy; Chinese and English share no words, so those cells are near the majority class)\n${table(across)}\n` +
    (growth.length > 0
      ? `\nAs the Chinese shop's rated reviews grow (held-out 20 %, ${fmt(Math.round((chinese?.length ?? 0) * 0.2))} reviews)\n${table(growth)}\n`
      : '')
  );
}

function main(): void {
  const afinn = new Sentiment();
  const rows: Record<string, string>[] = [];
  const shops: Record<string, LabelledReview[]> = {};
  let read = 0;
  let readMs = 0;
  for (const name of SETS) {
    const set = (JSON.parse(readFileSync(path.join(fixtures, `${name}.json`), 'utf8')) as Labelled[]).filter((item) => item.text.trim() !== '');
    shops[`${name} (en)`] = set.map((item) => ({ text: item.text, positive: item.class === 1 }));
    const positives = set.filter((item) => item.class === 1).length;
    const majority = Math.max(positives, set.length - positives) / set.length;
    const started = performance.now();
    const ours = accuracy(set, (text) => readReview(text).sentiment ?? 0);
    readMs += performance.now() - started;
    read += set.length;
    const lexicon = accuracy(set, (text) => afinn.analyze(text).comparative);
    rows.push({
      set: `${name} (${fmt(set.length)}, ${fmt(positives)} positive)`,
      'majority class': majority.toFixed(3),
      'AFINN (sentiment package)': lexicon.toFixed(3),
      'wink-nlp (ours)': ours.toFixed(3),
      'ours − majority': (ours - majority).toFixed(3),
      'ours − AFINN': (ours - lexicon).toFixed(3),
    });
  }
  process.stdout.write(
    `${table(rows)}\n\nreviews read (sentiment and keywords): ${fmt((read * 1000) / readMs)}/s on one core (model load included); ` +
      `peak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MiB\n\n` +
      `Chinese keywords (jieba)\n${table([chineseKeywords(5_000, 19)])}\n\n`,
  );
  const chinese = waimai();
  if (chinese) shops['waimai (zh)'] = chinese;
  else process.stdout.write(`(${WAIMAI} is not here: the Chinese shop is left out)\n\n`);
  process.stdout.write(learnedSentiment(shops));
}

main();
