/**
 * npm run bench:sentiment — review sentiment (src/text/read-review.ts: wink-nlp's English
 * model) on public labelled sentences: the UCI "Sentiment Labelled Sentences" sets (Kotzias et
 * al., KDD 2015; 1,000 Amazon, IMDb and Yelp sentences each, half positive; CC BY 4.0), as the
 * `sentiment` package ships them for its own validation (a devDependency: nothing is copied
 * into this repository). Accuracy against the majority-class baseline and against that package
 * (AFINN-165 word scores, the usual lexicon baseline), same sentences, same rule (a score ≥ 0
 * reads as positive), and reviews read per second.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Sentiment from 'sentiment';
import { readReview } from '../src/text/read-review.js';
import { fmt, table } from './common.js';

const SETS = ['amazon', 'imdb', 'yelp'] as const;
const fixtures = path.join(path.dirname(createRequire(import.meta.url).resolve('sentiment/package.json')), 'test', 'fixtures');

interface Labelled {
  text: string;
  class: 0 | 1;
}

function accuracy(set: readonly Labelled[], score: (text: string) => number): number {
  return set.filter((item) => (score(item.text) >= 0 ? 1 : 0) === item.class).length / set.length;
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
    const ours = accuracy(set, (text) => readReview(text).sentiment);
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
      `peak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MiB\n`,
  );
}

main();
