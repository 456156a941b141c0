import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import type { SyntheticGraph } from './generate.js';
import type { Progress } from '../lib/progress.js';

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes with back-pressure: millions of rows stream through a small buffer. */
async function writeCsv<T>(file: string, header: string[], rows: Iterable<T>, toFields: (row: T) => unknown[], progress: Progress): Promise<number> {
  const stream: WriteStream = createWriteStream(file, { encoding: 'utf8' });
  const task = progress.start(path.basename(file), null);
  let count = 0;
  const write = (text: string) => (stream.write(text) ? Promise.resolve() : new Promise<void>((resolve) => stream.once('drain', () => resolve())));
  await write(`${header.join(',')}\n`);
  let chunk = '';
  for (const row of rows) {
    chunk += `${toFields(row).map(csvField).join(',')}\n`;
    count += 1;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
      if (count % 100_000 < 500) task.update(count);
    }
  }
  await write(chunk);
  await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  task.finish(count);
  return count;
}

/**
 * The synthetic graph as files in the generic CSV format (docs/DATA-FORMATS.md), plus
 * communities.csv: the planted ground truth (userId,community) for quality benchmarks.
 */
export async function writeSyntheticCsv(graph: SyntheticGraph, dir: string, progress: Progress): Promise<Record<string, number>> {
  mkdirSync(dir, { recursive: true });
  const file = (name: string) => path.join(dir, name);
  const counts: Record<string, number> = {};
  counts['interests.csv'] = await writeCsv(file('interests.csv'), ['id', 'name'], graph.interests(), (i) => [i.id, i.name], progress);
  counts['products.csv'] = await writeCsv(
    file('products.csv'),
    ['id', 'name', 'category', 'brand', 'price', 'interests'],
    graph.products(),
    (p) => [p.id, p.name, p.category, p.brand, p.price, p.interests.map((t) => `${t.interestId}:${t.weight}`).join(';')],
    progress,
  );
  counts['users.csv'] = await writeCsv(
    file('users.csv'),
    [
      'id',
      'displayName',
      'gender',
      'birthYear',
      'region',
      'city',
      'occupation',
      'createdAt',
      'lastActiveAt',
      'consentProfiling',
      'consentMarketing',
      'email',
      'phone',
    ],
    graph.users(),
    (u) => [
      u.id,
      u.displayName,
      u.gender,
      u.birthYear,
      u.region,
      u.city,
      u.occupation,
      u.createdAt,
      u.lastActiveAt,
      u.consentProfiling,
      u.consentMarketing,
      u.email,
      u.phone,
    ],
    progress,
  );
  counts['user_interests.csv'] = await writeCsv(
    file('user_interests.csv'),
    ['userId', 'interestId', 'weight'],
    graph.userInterests(),
    (r) => [r.userId, r.interestId, r.weight],
    progress,
  );
  counts['follows.csv'] = await writeCsv(
    file('follows.csv'),
    ['followerId', 'followeeId', 'since', 'weight'],
    graph.follows(),
    (f) => [f.followerId, f.followeeId, f.since, f.weight],
    progress,
  );
  counts['events.csv'] = await writeCsv(
    file('events.csv'),
    ['userId', 'productId', 'kind', 'at', 'quantity', 'amount', 'score'],
    graph.events(),
    (e) => [e.userId, e.productId, e.kind, e.at, e.quantity, e.amount, e.score],
    progress,
  );
  counts['communities.csv'] = await writeCsv(file('communities.csv'), ['userId', 'community'], graph.users(), (u) => [u.id, u.community], progress);
  return counts;
}
