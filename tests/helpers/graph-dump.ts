import { createHash } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { Db } from '../../src/db/db.js';

/**
 * Every node (labels, properties) and relationship (type, end ids, properties) but the
 * bookkeeping of imports, benchmarks and tag refreshers, as sorted JSON lines: two graphs built by different
 * paths are the same graph when their dumps are equal. Values keep their Neo4j type in the
 * text (`int:3`, `DateTime:…`), so a Float stored where an Integer was expected differs.
 * A user's sample key is drawn at random when the user is made (segments/sampling.ts): only
 * its presence and range are compared. Floats are compared to 12 significant digits: a weight
 * folded in TypeScript (an initial load's staged events) and the same fold in Cypher differ in
 * the last bit where V8's and the JVM's `pow` round differently.
 */
export async function dumpGraph(db: Db): Promise<{ nodes: string[]; relationships: string[] }> {
  const plain = (value: unknown): unknown =>
    typeof value === 'number'
      ? Number(value.toPrecision(12))
      : neo4j.isInt(value)
        ? `int:${value.toString()}`
        : value !== null && typeof value === 'object' && 'toString' in value
          ? `${value.constructor.name}:${value.toString()}`
          : value;
  const props = (map: Record<string, unknown>) =>
    Object.fromEntries(
      Object.keys(map)
        .sort()
        .map((key) => [key, key === 'sampleKey' ? typeof map[key] === 'number' && map[key] >= 0 && map[key] < 1 : plain(map[key])]),
    );
  const options = { database: db.database };
  const nodes = await db.driver.executeQuery(
    'MATCH (n) WHERE NOT n:ImportRun AND NOT n:ProfileGraphBench AND NOT n:TagRefreshLock RETURN labels(n) AS labels, properties(n) AS props',
    {},
    options,
  );
  const relationships = await db.driver.executeQuery(
    'MATCH (a)-[r]->(b) WHERE NOT a:ImportRun RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props',
    {},
    options,
  );
  return {
    nodes: nodes.records.map((record) => JSON.stringify([[...(record.get('labels') as string[])].sort(), props(record.get('props'))])).sort(),
    relationships: relationships.records
      .map((record) => JSON.stringify([record.get('from'), record.get('type'), record.get('to'), props(record.get('props'))]))
      .sort(),
  };
}

/** A short digest of a dump, for comparing graphs too large to print. */
export function dumpDigest(dump: { nodes: string[]; relationships: string[] }): string {
  const hash = createHash('sha256');
  for (const line of dump.nodes) hash.update(`${line}\n`);
  hash.update('--\n');
  for (const line of dump.relationships) hash.update(`${line}\n`);
  return hash.digest('hex').slice(0, 16);
}
