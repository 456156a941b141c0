/**
 * Keywords of Chinese text: jieba's segmentation and part-of-speech tags (jieba-wasm, the
 * jieba-rs port built to WebAssembly, MIT: no native build), keeping the nouns. jieba-rs tags
 * with the ICTCLAS set: n, nr (person), ns (place), nt (organisation), nz (other proper noun),
 * vn (verb used as noun, 服务), ng / nrt / nrfg (noun morphemes and names).
 */
import { createRequire } from 'node:module';
import type * as JiebaModule from 'jieba-wasm';

type Jieba = typeof JiebaModule;

// Loaded on the first Chinese review only: the dictionary and the WebAssembly module are 4 MB
// and take ~200 ms to load, and most processes never read Chinese.
let jieba: Jieba | null = null;

const HAN = /\p{Script=Han}/u;
const HAN_WORD = /^\p{Script=Han}{2,}$/u;

/** True when the text holds Chinese characters (so jieba, not the English model, finds its topics). */
export function hasChineseText(text: string): boolean {
  return HAN.test(text);
}

/** Nouns of two or more Chinese characters, with how often each occurs, in order of first use. */
export function chineseNounCounts(text: string): Map<string, number> {
  jieba ??= createRequire(import.meta.url)('jieba-wasm') as Jieba;
  const counts = new Map<string, number>();
  // Without jieba's HMM only words of its dictionary are tagged: a run it does not know stays
  // single characters (dropped below) instead of a guessed word with a guessed tag.
  for (const { word, tag } of jieba.tag(text, false)) {
    // One character is mostly a particle or a measure word; two or more are what a topic reads as.
    if (!(tag.startsWith('n') || tag === 'vn') || !HAN_WORD.test(word)) continue;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}
