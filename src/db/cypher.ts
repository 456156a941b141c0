import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Resolved from this file, not from process.cwd(): src/db/ and dist/db/ both sit two
// levels below the package root, so the same relative path works before and after build.
export const CYPHER_ROOT = fileURLToPath(new URL('../../cypher/', import.meta.url));

export interface CypherQuery<Row, Params> {
  readonly name: string;
  readonly text: string;
  readonly _types?: [Row, Params]; // compile-time only: ties a file to its row and params
}

/** Reads cypher/<name>.cypher once, at module load, so a missing file stops startup. */
export function cypher<Row, Params extends Record<string, unknown>>(name: string): CypherQuery<Row, Params> {
  const text = readFileSync(path.join(CYPHER_ROOT, `${name}.cypher`), 'utf8');
  return { name, text };
}
