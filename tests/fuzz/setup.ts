/**
 * What a fuzz run needs around the fuzzer: a seeded synthetic graph in a database the caller
 * owns, the real HTTP server on a loopback port with an admin and an analyst key, and a
 * fingerprint of everything stored (to prove a read-only run wrote nothing).
 */
import { createHash } from 'node:crypto';
import type { Config } from '../../src/config.js';
import type { Db } from '../../src/db/db.js';
import { createAppDeps } from '../../src/deps.js';
import { buildApiServer, listenApi } from '../../src/api.js';
import { loadSyntheticGraph } from '../../src/ingest/synthetic-graph.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../../src/ingest/generate.js';
import type { Logger } from '../../src/logger.js';
import { SegmentsService } from '../../src/segments/index.js';
import { TagsService } from '../../src/tags/index.js';
import type { FuzzTarget } from './fuzzer.js';

export const FUZZ_KEYS = { admin: 'fuzz-admin-0123456789abcdef', analyst: 'fuzz-analyst-0123456789abcdef' };
/** The API_KEYS setting the fuzzed server must be configured with. */
export const FUZZ_API_KEYS = `${FUZZ_KEYS.admin}:admin,${FUZZ_KEYS.analyst}:analyst`;

/** Every node and relationship with its properties, hashed in a stable order. */
export async function graphFingerprint(db: Db): Promise<string> {
  const session = db.driver.session({ database: db.database });
  try {
    const nodes = await session.run(`MATCH (n) RETURN labels(n) AS labels, properties(n) AS props ORDER BY coalesce(n.id, elementId(n))`);
    const relationships = await session.run(
      `MATCH (a)-[r]->(b) RETURN coalesce(a.id, elementId(a)) AS a, type(r) AS type, coalesce(b.id, elementId(b)) AS b, properties(r) AS props ORDER BY a, type, b`,
    );
    const rows = [...nodes.records, ...relationships.records].map((record) =>
      JSON.stringify(record.toObject(), (_, value: unknown) => (typeof value === 'bigint' ? String(value) : value)),
    );
    return createHash('sha256').update(rows.sort().join('\n')).digest('hex');
  } finally {
    await session.close();
  }
}

/** Loads the graph and starts the API on `port` (loopback); `config` must carry FUZZ_API_KEYS. */
export async function startFuzzTarget(
  db: Db,
  config: Config,
  logger: Logger,
  server: { neo4jVersion: string; gds: boolean },
  port: number,
  users = 150,
): Promise<{ target: FuzzTarget; stop: () => Promise<void> }> {
  const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users, seed: 11, now: new Date('2026-06-01T00:00:00Z') });
  await loadSyntheticGraph(db, graph, config, logger);
  // Saved segments that refer to each other, and a rule tag over one: targets for cycles and deletes.
  const segmentsService = new SegmentsService(db);
  const base = await segmentsService.createRuleSegment('fuzz base', { attribute: { attribute: 'REGION', exists: true } });
  const referring = await segmentsService.createRuleSegment('fuzz referring', { segment: { segmentId: base.id } });
  await new TagsService(db, (rule, now) => segmentsService.compile(rule, now)).define('fuzz tag', { segment: { segmentId: base.id } }, null, new Date());
  const fuzzConfig: Config = { ...config, http: { ...config.http, host: '127.0.0.1', port } };
  const deps = createAppDeps(db, fuzzConfig, logger, server);
  const apollo = buildApiServer(deps);
  const http = await listenApi(apollo, deps);
  const session = db.driver.session({ database: db.database });
  try {
    const ids = await session.run(`CALL { MATCH (u:User) RETURN collect(u.id)[..50] AS users }
      CALL { MATCH (p:Product) RETURN collect(p.id)[..30] AS products }
      CALL { MATCH (i:Interest) RETURN collect(i.id)[..30] AS interests }
      CALL { MATCH (u:User) RETURN [x IN collect(u.email) + collect(u.phone) WHERE x IS NOT NULL] AS pii }
      RETURN users, products, interests, pii`);
    const row = ids.records[0]?.toObject() as { users: string[]; products: string[]; interests: string[]; pii: string[] };
    return {
      target: {
        url: http.url,
        keys: FUZZ_KEYS,
        ids: { users: row.users, products: row.products, interests: row.interests, segments: [base.id, referring.id] },
        pii: row.pii,
      },
      stop: async () => {
        await http.close(1_000);
        await apollo.stop();
      },
    };
  } finally {
    await session.close();
  }
}

/**
 * What must hold after a run with writes, whatever was sent: no known (non-anonymous) user was
 * merged into another by an event (only anonymous profiles fold into people; write runs never
 * send mergeUsers), no saved segment or tag refers to a segment that is gone, and the
 * segment list reads whole. Returns the broken rules, empty when all is well.
 */
export async function auditAfterWrites(db: Db, knownUserIds: readonly string[], url: string): Promise<string[]> {
  const problems: string[] = [];
  const session = db.driver.session({ database: db.database });
  try {
    const merged = await session.run('MATCH (f:MergedFrom) WHERE f.id IN $known RETURN collect(f.id) AS ids', { known: [...knownUserIds] });
    const mergedKnown = (merged.records[0]?.get('ids') as string[] | undefined) ?? [];
    if (mergedKnown.length > 0) problems.push(`known users merged by events: ${mergedKnown.slice(0, 5).join(', ')}`);
    const saved = await session.run(`MATCH (n) WHERE (n:Segment AND n.rule IS NOT NULL) OR n:Tag RETURN n.rule AS rule`);
    const segmentIds = new Set(((await session.run('MATCH (s:Segment) RETURN collect(s.id) AS ids')).records[0]?.get('ids') as string[] | undefined) ?? []);
    for (const record of saved.records) {
      for (const [, id] of String(record.get('rule')).matchAll(/"segmentId":"([^"]*)"/g)) {
        if (!segmentIds.has(id ?? '')) problems.push(`a saved rule refers to segment ${id}, which is gone`);
      }
    }
  } finally {
    await session.close();
  }
  const list = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${FUZZ_KEYS.admin}` },
    body: JSON.stringify({ query: '{ segments(first: 100) { nodes { id size } } }' }),
  });
  const body = (await list.json()) as { data?: { segments?: unknown } | null; errors?: { extensions?: { code?: string } }[] };
  if (!body.data?.segments) problems.push(`the segment list did not read: ${JSON.stringify(body.errors).slice(0, 300)}`);
  return problems;
}
