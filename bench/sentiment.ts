/**
 * npm run bench:sentiment — review sentiment (src/text/read-review.ts: wink-nlp's English
 * model) on public labelled sentences: the UCI "Sentiment Labelled Sentences" sets (Kotzias et
 * al., KDD 2015; 1,000 Amazon, IMDb and Yelp sentences each, half positive; CC BY 4.0), as the
 * `sentiment` package ships them for its own validation (a devDependency: nothing is copied
 * into this repository). Accuracy against the majority-class baseline and against that package
 * (AFINN-165 word scores, the usual lexicon baseline), same sentences, same rule (a score ≥ 0
 * reads as positive), and reviews read per second.
 *
 * Chinese text has no labelled set reachable here, so only its keywords (jieba) are checked: on
 * seeded reviews built from known aspect nouns and opinion phrases, how many aspects come back as
 * keywords (recall) and how many keywords are aspects (precision), and reviews read per second.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Sentiment from 'sentiment';
import { readReview } from '../src/text/read-review.js';
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

function main(): void {
  const afinn = new Sentiment();
  const rows: Record<string, string>[] = [];
  let read = 0;
  let readMs = 0;
  for (const name of SETS) {
    const set = (JSON.parse(readFileSync(path.join(fixtures, `${name}.json`), 'utf8')) as Labelled[]).filter((item) => item.text.trim() !== '');
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
      `Chinese keywords (jieba; sentiment of Chinese text is not read: no labelled set here)\n${table([chineseKeywords(5_000, 19)])}\n`,
  );
}

main();
