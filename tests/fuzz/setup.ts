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
  await loadSyntheticGraph(db, graph, config.limits, logger);
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
      target: { url: http.url, keys: FUZZ_KEYS, ids: { users: row.users, products: row.products, interests: row.interests }, pii: row.pii },
      stop: async () => {
        await http.close(1_000);
        await apollo.stop();
      },
    };
  } finally {
    await session.close();
  }
}
