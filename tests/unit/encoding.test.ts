/** Import files' text encodings (src/ingest/encoding.ts): detected from the bytes, decoded strictly. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding, encodingName, fileEncoding, toUtf8, type FileEncoding } from '../../src/ingest/encoding.js';

const CSV = 'id,displayName,region\nu1,张伟,广东省\nu2,Zoë Ålund,北京市\n';
const decoded = (bytes: Buffer, encoding: FileEncoding, chunk = 7) =>
  text(
    Readable.from(Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) => bytes.subarray(i * chunk, (i + 1) * chunk))).pipe(
      toUtf8('users.csv', encoding),
    ),
  );

describe('import file encodings', () => {
  it('detects UTF-8, UTF-8 with a BOM, UTF-16 by its BOM, and GB18030 when the bytes are not UTF-8', () => {
    expect(detectEncoding(Buffer.from(CSV, 'utf8'), true)).toEqual({ encoding: 'utf-8', how: 'detected' });
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)]), true)).toEqual({ encoding: 'utf-8', how: 'bom' });
    expect(detectEncoding(iconv.encode(CSV, 'utf-16le', { addBOM: true }), true)).toEqual({ encoding: 'utf-16le', how: 'bom' });
    expect(detectEncoding(iconv.encode(CSV, 'gbk'), true)).toEqual({ encoding: 'gb18030', how: 'detected' });
    // A sample that ends inside a multi-byte character is still UTF-8.
    const cut = Buffer.from('名字'.repeat(10), 'utf8');
    expect(detectEncoding(cut.subarray(0, cut.length - 1), false)).toEqual({ encoding: 'utf-8', how: 'detected' });
  });

  it('detects a file by its first bytes that are not ASCII, however far in they begin', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'encoding-'));
    try {
      // Megabytes of ids and times before the first review's text: ASCII reads the same in every candidate.
      const ids = 'u0001,p001,VIEW,2026-06-13T10:07:10.745Z,,,,\n'.repeat(60_000);
      const reviews = 'u0002,p002,REVIEW,2026-06-13T10:07:10.745Z,,,5,很快，好吃，味道足\n';
      const files = {
        gbk: iconv.encode(ids + reviews, 'gbk'),
        utf8: Buffer.from(ids + reviews, 'utf8'),
        ascii: Buffer.from(ids, 'utf8'),
        bom: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ids + reviews, 'utf8')]),
      };
      const found: Record<string, FileEncoding> = {};
      for (const [name, bytes] of Object.entries(files)) {
        await writeFile(path.join(dir, name), bytes);
        found[name] = await fileEncoding(path.join(dir, name));
      }
      expect(files.gbk.length).toBeGreaterThan(2 * 1024 * 1024);
      expect(found).toEqual({
        gbk: { encoding: 'gb18030', how: 'detected' },
        utf8: { encoding: 'utf-8', how: 'detected' },
        ascii: { encoding: 'utf-8', how: 'detected' },
        bom: { encoding: 'utf-8', how: 'bom' },
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('decodes GBK and GB18030 to the same text, across chunk boundaries', async () => {
    // GBK has no ë or Å: Chinese and ASCII only; GB18030 holds every character.
    const chinese = 'id,displayName,region\nu1,张伟,广东省\nu2,李娜,北京市\n';
    expect(await decoded(iconv.encode(chinese, 'gbk'), { encoding: 'gb18030', how: 'detected' })).toBe(chinese);
    expect(await decoded(iconv.encode(CSV, 'gb18030'), { encoding: 'gb18030', how: 'detected' })).toBe(CSV);
    expect(await decoded(Buffer.from(CSV, 'utf8'), { encoding: 'utf-8', how: 'detected' })).toBe(CSV);
    expect(await decoded(iconv.encode(CSV, 'utf-16le', { addBOM: true }), { encoding: 'utf-16le', how: 'bom' })).toBe(CSV);
  });

  it('refuses bytes the encoding cannot hold, saying the byte and what to try, instead of writing mojibake', async () => {
    await expect(decoded(iconv.encode(CSV, 'gbk'), { encoding: 'utf-8', how: 'given' })).rejects.toThrow(
      /users\.csv is not valid UTF-8 \(given\) near byte \d+: re-run with --encoding gb18030/,
    );
    // 0xFF is no GB18030 byte.
    await expect(decoded(Buffer.from([0x61, 0x2c, 0xff, 0x0a]), { encoding: 'gb18030', how: 'given' })).rejects.toThrow(/not valid GB18030 \(given\)/);
  });

  it('names the encodings it knows, and refuses others', () => {
    expect(encodingName('UTF8')).toBe('utf-8');
    expect(encodingName('GBK')).toBe('gbk');
    expect(() => encodingName('klingon')).toThrow(/not an encoding this importer knows; try utf-8, gb18030/);
  });
});
