/**
 * npm run bench:generator — the generator's measured shape (degree distribution, mixing,
 * reciprocity) at a few sizes and mixing values, and its speed. BENCH_GENERATOR_USERS
 * (default 100,000) sets the largest size.
 */
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../src/ingest/generate.js';
import { fmt, table } from './common.js';
import { measureShape } from './graph-shape.js';

const largest = Number(process.env['BENCH_GENERATOR_USERS'] ?? 100_000);
const rows: Record<string, string | number>[] = [];
for (const [users, mixing] of [
  [10_000, 0.1],
  [10_000, 0.3],
  [10_000, 0.5],
  [largest, DEFAULT_GENERATE_OPTIONS.mixing],
] as const) {
  const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users, mixing, seed: 1, now: new Date('2026-06-01T00:00:00Z') });
  const started = Date.now();
  const shape = measureShape(graph);
  const seconds = (Date.now() - started) / 1000;
  rows.push({
    users: fmt(users),
    'μ asked': mixing,
    'μ measured': shape.measuredMixing.toFixed(3),
    follows: fmt(shape.follows),
    'mean in': shape.meanInDegree.toFixed(1),
    'p50 in': shape.p50InDegree,
    'p99 in': shape.p99InDegree,
    'max in': shape.maxInDegree,
    [`α (in ≥ ${shape.xmin})`]: shape.powerLawAlpha.toFixed(2),
    reciprocity: shape.reciprocity.toFixed(3),
    'follows/s': fmt(shape.follows / seconds),
  });
}
process.stdout.write(`${table(rows)}\n`);
