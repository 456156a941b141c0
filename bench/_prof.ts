import { int } from '../src/db/values.js';
import { cypher } from '../src/db/cypher.js';
import { createRandom } from '../src/ingest/random.js';
import { LookalikeService, splitSeed } from '../src/lookalike/index.js';
import { openBenchDatabase } from './common.js';
const popularQuery = cypher<{ id: string }, { limit: ReturnType<typeof int> }>('bench/most-engaged-users');
const { database } = await openBenchDatabase(process.argv[3] ?? 'bench-lookalike-1m', Number(process.argv[4] ?? 7694));
const { db } = database;
const seedSize = Number(process.argv[2] ?? 1000);
const pool = (await db.query(popularQuery, { limit: int(seedSize * 2) })).map((r) => r.id);
const events: { name: string; ms: number; rows: number; at: number }[] = [];
const t0 = performance.now();
db.onQuery((e: any) => events.push({ ...e, at: performance.now() - t0 }));
for (let r = 0; r < 3; r++) {
  events.length = 0;
  const { training } = splitSeed(pool, 1 - seedSize / pool.length, createRandom(r, 9));
  const s = performance.now();
  const res = await new LookalikeService(db).lookalike(training, 10000);
  console.log('run', r, Math.round(performance.now() - s), 'ms', res.members.length, JSON.stringify(res.signals.map(s=>s.weight)));
  if (r === 2) for (const e of events) console.log(`  ${e.name.padEnd(32)} ${Math.round(e.ms).toString().padStart(7)} ms ${e.rows} rows  end@${Math.round(e.at - (s - t0))}`);
}
await database.close();
