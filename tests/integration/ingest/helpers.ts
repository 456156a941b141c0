import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { runImport, type ImportSource } from '../../../src/ingest/importer.js';
import { createLogger } from '../../../src/logger.js';
import type { useTestDatabase } from '../../helpers/test-db.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export function importFixture(
  t: ReturnType<typeof useTestDatabase>,
  source: ImportSource,
  options: { consent?: boolean; dir?: string; encoding?: string } = {},
) {
  const rejectsPath = path.join(mkdtempSync(path.join(tmpdir(), 'pg-rejects-')), 'rejects.csv');
  return runImport(t.db, t.config, createLogger('silent'), {
    source,
    dir: options.dir ?? path.join(FIXTURES, source),
    batchSize: 2,
    consent: options.consent ?? false,
    rejectsPath,
    tty: false,
    now: new Date('2026-06-01T00:00:00Z'),
    ...(options.encoding ? { encoding: options.encoding } : {}),
  });
}

/** Rejects as [file, line, reason] triples. */
export function readRejects(file: string | null): [string, number, string][] {
  if (!file) return [];
  const records = parse(readFileSync(file, 'utf8'), { from_line: 2 }) as string[][];
  return records.map(([name, number, reason]) => [name ?? '', Number(number), reason ?? '']);
}

/** Graph counts by label and relationship type, from the stats query. */
export async function graphCounts(t: ReturnType<typeof useTestDatabase>): Promise<Record<string, number>> {
  const [row] = await t.cypher<Record<string, { toNumber(): number }>>(
    `RETURN COUNT { (:User) } AS users, COUNT { (:Product) } AS products, COUNT { (:Interest) } AS interests,
            COUNT { ()-[:FOLLOWS]->() } AS follows, COUNT { ()-[:VIEWED]->() } AS viewed, COUNT { ()-[:PURCHASED]->() } AS purchased,
            COUNT { ()-[:RATED]->() } AS rated, COUNT { ()-[:INTERESTED_IN]->() } AS interestedIn, COUNT { ()-[:HAS_INTEREST]->() } AS hasInterest`,
  );
  return Object.fromEntries(Object.entries(row ?? {}).map(([key, value]) => [key, value.toNumber()]));
}
