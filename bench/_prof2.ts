import { int } from '../src/db/values.js';
import { cypher } from '../src/db/cypher.js';
import { createRandom } from '../src/ingest/random.js';
import { LookalikeService, splitSeed } from '../src/lookalike/index.js';
import { openBenchDatabase } from './common.js';
const popularQuery = cypher<{ id: string }, { limit: ReturnType<typeof int> }>('bench/most-engaged-users');
const { database } = await openBenchDatabase('bench-lookalike-1m', 7694);
const { db } = database;
const pool = (await db.query(popularQuery, { limit: int(2000) })).map((r) => r.id);
const captured: Record<string, any> = {};
const orig = db.query.bind(db);
(db as any).query = async (q: any, p: any) => { if (q.name.startsWith('lookalike/expand')) captured[q.name] = p; return orig(q, p); };
const { training } = splitSeed(pool, 0.5, createRandom(2, 9));
await new LookalikeService(db).lookalike(training, 10000);
const perCandidate = `
UNWIND range(0, size($profile) - 1) AS index
MATCH (:Interest {id: $profile[index].id})<-[c:INTERESTED_IN]-(candidate:User)
WHERE candidate.consentProfiling = true
WITH candidate, collect(index) AS items, collect(c.weight) AS weights
RETURN candidate.id AS userId, items, weights, COUNT { (candidate)-[:INTERESTED_IN]->() } AS interests`;
const session = (database as any).driver?.session?.() ;
for (const name of Object.keys(captured)) {
  const q = (await import('../src/lookalike/queries.js')).lookalikeQueries;
  const query = Object.values(q).find((x: any) => x.name === name) as any;
  for (let r = 0; r < 3; r++) { const s = performance.now(); const rows = await orig(query, captured[name]); console.log(name, Math.round(performance.now() - s), 'ms', rows.length); }
}
const p = captured['lookalike/expand-interests'];
console.log('profile items', p.profile.length, 'limits', p.limits.map(Number));
for (let r = 0; r < 3; r++) { const s = performance.now(); const rows = await orig({ name: 'x', text: perCandidate } as any, { profile: p.profile }); console.log('per-candidate', Math.round(performance.now() - s), 'ms', rows.length); }
await database.close();
