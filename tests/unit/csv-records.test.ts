/**
 * CSV records read in a worker thread (src/ingest/csv-records.ts, large files) are the records
 * read inline (small files): same fields, raw text, lines and order; a decoding error and an
 * early stop behave the same.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords, type CsvRecord } from '../../src/ingest/csv-records.js';
import { EncodingError, type FileEncoding } from '../../src/ingest/encoding.js';

const UTF8: FileEncoding = { encoding: 'utf-8', how: 'given' };
const INLINE = { workerMinBytes: Number.POSITIVE_INFINITY };
const IN_WORKER = { workerMinBytes: 0 };

async function read(file: string, encoding: FileEncoding, options: { workerMinBytes: number }, stopAfter = Infinity) {
  const records: Omit<CsvRecord, 'bytesRead'>[] = [];
  let lastBytes = 0;
  for await (const { bytesRead, ...record } of csvRecords(file, encoding, options)) {
    expect(bytesRead).toBeGreaterThanOrEqual(lastBytes);
    lastBytes = bytesRead;
    records.push(record);
    if (records.length >= stopAfter) break;
  }
  return { records, lastBytes };
}

describe('CSV records', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'csv-records-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('reads the same records in a worker as inline: quoting, line breaks in fields, CRLF, blank lines, ragged rows, a BOM', async () => {
    // Enough rows for several of the worker's batches, and the oddities in between.
    const rows = Array.from({ length: 5_123 }, (_, i) =>
      i % 997 === 5 ? `u${i},"a review, with ""quotes""\nover two lines",x` : i % 1_500 === 7 ? `u${i},ragged` : `u${i},p${i % 37},VIEW`,
    );
    const text = `\uFEFFuserId,productId,kind\r\n${rows.join('\r\n').replace('u100,', '\r\n\r\nu100,')}\r\n`;
    const file = path.join(dir, 'events.csv');
    await writeFile(file, text);

    const inline = await read(file, UTF8, INLINE);
    const inWorker = await read(file, UTF8, IN_WORKER);
    expect(inline.records.length).toBe(5_124);
    expect(inWorker.records).toEqual(inline.records);
    expect(inWorker.lastBytes).toBe(Buffer.byteLength(text));
    expect(inline.records[0]?.record).toEqual(['userId', 'productId', 'kind']);
    const quoted = inline.records.find((r) => r.record[0] === 'u5');
    expect(quoted).toMatchObject({ record: ['u5', 'a review, with "quotes"\nover two lines', 'x'], line: 8 });
    expect(inline.records.find((r) => r.record[0] === 'u7')?.record).toEqual(['u7', 'ragged']);
  });

  it('stops with the same encoding error in a worker as inline, and ends the worker when the reader stops early', async () => {
    const file = path.join(dir, 'users.csv');
    await writeFile(file, iconv.encode(`id,displayName\n${'u1,x\n'.repeat(3_000)}u2,张伟\n`, 'gbk'));
    const inline = read(file, UTF8, INLINE);
    const inWorker = read(file, UTF8, IN_WORKER);
    await expect(inline).rejects.toBeInstanceOf(EncodingError);
    await expect(inWorker).rejects.toBeInstanceOf(EncodingError);
    await expect(inWorker).rejects.toThrow(((await inline.catch((error: unknown) => error)) as Error).message);

    const gbk: FileEncoding = { encoding: 'gb18030', how: 'given' };
    const early = await read(file, gbk, IN_WORKER, 10);
    expect(early.records.map((r) => r.record[0])).toEqual(['id', ...Array(9).fill('u1')]);
    expect((await read(file, gbk, IN_WORKER)).records.at(-1)?.record).toEqual(['u2', '张伟']);
  });
});
