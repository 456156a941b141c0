import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { CYPHER_ROOT } from './cypher.js';
import type { Db } from './db.js';

const SCHEMA_DIR = path.join(CYPHER_ROOT, 'schema');
/**
 * A schema statement on a large graph runs for minutes: a uniqueness constraint builds its
 * index over every node of its label before it returns, and awaiting the background indexes
 * waits for them all (a million users and eleven million events after an initial load: the
 * serving timeout of 30 s ended that load). Schema work is not serving work.
 */
const SCHEMA_TX_TIMEOUT_MS = 30 * 60_000;

/** Statements of a schema file: split on `;` at line ends, comments dropped. */
export function schemaStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter(Boolean);
}

/**
 * Applies cypher/schema/*.cypher in name order. Every statement is `IF NOT EXISTS` (or a data
 * step that finds nothing left to do), so running this on every start is safe. Schema changes cannot share a transaction with data writes,
 * so each statement gets its own.
 */
export async function migrate(db: Db, logger: Logger): Promise<number> {
  const files = (await readdir(SCHEMA_DIR)).filter((file) => file.endsWith('.cypher')).sort();
  let applied = 0;
  for (const file of files) {
    for (const statement of schemaStatements(await readFile(path.join(SCHEMA_DIR, file), 'utf8'))) {
      // A data step that commits in batches (CALL … IN TRANSACTIONS) cannot run in a managed transaction.
      if (/\bIN TRANSACTIONS\b/.test(statement)) await db.autoCommit({ name: `schema/${file}`, text: statement }, {});
      else await db.write((tx) => tx.run(statement), { name: `schema/${file}`, timeoutMs: SCHEMA_TX_TIMEOUT_MS });
      applied += 1;
    }
  }
  // Constraints build their backing index synchronously; plain indexes populate in the
  // background. Waiting here means the first queries after start are already indexed.
  await db.write((tx) => tx.run('CALL db.awaitIndexes(1800)'), { name: 'schema/await-indexes', timeoutMs: SCHEMA_TX_TIMEOUT_MS });
  logger.info({ statements: applied }, 'schema applied');
  return applied;
}
