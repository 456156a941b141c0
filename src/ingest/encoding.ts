/**
 * The text encoding of an import file. CSV files saved by Excel in China are GB18030/GBK more
 * often than not, sometimes UTF-8 with a byte-order mark; files from anywhere else are UTF-8.
 * An importer detects the encoding from a byte-order mark, else from 64 KiB from the first byte
 * that is not ASCII (valid UTF-8 there; else GB18030, the superset of GBK and GB2312 that Excel's
 * "CSV" writes in a Chinese locale: ASCII reads the same in both, so only those bytes tell) or
 * takes it from `--encoding`, and says which it used. Decoding is strict: a byte sequence the
 * encoding cannot hold stops the import with the file, the byte and what to try, never
 * replacement characters (mojibake) in the graph. iconv-lite decodes everything but UTF-8,
 * which Node decodes itself.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';

/** How an encoding was chosen: named by the caller, read from a byte-order mark, or detected from the bytes. */
export interface FileEncoding {
  encoding: string;
  how: 'given' | 'bom' | 'detected';
}

const SAMPLE_BYTES = 64 * 1024;

/** A file's bytes that its encoding cannot hold: the import stops before writing mojibake. */
export class EncodingError extends Error {}

/** The canonical name of an encoding iconv-lite or Node knows, or an error listing what to try. */
export function encodingName(name: string): string {
  const lower = name.trim().toLowerCase();
  if (lower === 'utf8' || lower === 'utf-8') return 'utf-8';
  if (!iconv.encodingExists(lower)) {
    throw new EncodingError(`"${name}" is not an encoding this importer knows; try utf-8, gb18030 (also reads GBK and GB2312), big5, utf-16le or latin1`);
  }
  return lower;
}

/** Bytes read at a time while looking for the first that is not ASCII. */
const SCAN_BYTES = 1024 * 1024;

/**
 * The encoding of `file`: `given` when named (checked to exist), else from its byte-order mark or
 * the 64 KiB from its first byte that is not ASCII. A file whose first megabytes are ids and
 * times (generated events before the first Chinese review) is read on until its text begins: a
 * sample of ASCII alone would call a GB18030 file UTF-8 and stop the import halfway.
 */
export async function fileEncoding(file: string, given?: string): Promise<FileEncoding> {
  if (given !== undefined) return { encoding: encodingName(given), how: 'given' };
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(3);
    const { bytesRead: headBytes } = await handle.read(head, 0, 3, 0);
    const bom = detectEncoding(head.subarray(0, headBytes), true);
    if (bom.how === 'bom') return bom;
    const chunk = Buffer.alloc(SCAN_BYTES);
    for (let position = 0; ; position += SCAN_BYTES) {
      const { bytesRead } = await handle.read(chunk, 0, SCAN_BYTES, position);
      const first = chunk.subarray(0, bytesRead).findIndex((byte) => byte >= 0x80);
      if (first >= 0) {
        const sample = Buffer.alloc(SAMPLE_BYTES);
        const { bytesRead: sampled } = await handle.read(sample, 0, SAMPLE_BYTES, position + first);
        return detectEncoding(sample.subarray(0, sampled), sampled < SAMPLE_BYTES);
      }
      if (bytesRead < SCAN_BYTES) return { encoding: 'utf-8', how: 'detected' };
    }
  } finally {
    await handle.close();
  }
}

/** From the first bytes of a file (`whole`: they are the whole file, so no character is cut at the end). */
export function detectEncoding(sample: Buffer, whole: boolean): FileEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', how: 'bom' };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', how: 'bom' };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', how: 'bom' };
  if (isUtf8(whole ? sample : withoutCutCharacter(sample))) return { encoding: 'utf-8', how: 'detected' };
  return { encoding: 'gb18030', how: 'detected' };
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The sample without a UTF-8 character its 64 KiB may have cut in two (up to 3 trailing bytes). */
function withoutCutCharacter(sample: Buffer): Buffer {
  for (let back = 1; back <= Math.min(3, sample.length); back += 1) {
    const byte = sample[sample.length - back] as number;
    if ((byte & 0xc0) === 0xc0) return sample.subarray(0, sample.length - back); // a lead byte: what follows it may be cut
    if ((byte & 0x80) === 0) break; // ASCII: nothing cut
  }
  return sample;
}

/** How an encoding is reported: "GB18030 (detected)". */
export const describeEncoding = (chosen: FileEncoding) => `${chosen.encoding.toUpperCase()} (${chosen.how === 'bom' ? 'byte-order mark' : chosen.how})`;

/**
 * A stream that turns the file's bytes into UTF-8 bytes for the CSV parser, strictly: UTF-8 is
 * checked and passed through unchanged; anything else is decoded by iconv-lite, and a
 * replacement character in its output (bytes the encoding has no character for) is an
 * EncodingError naming the file and the byte, with the likeliest fix.
 */
export function toUtf8(file: string, chosen: FileEncoding): Transform {
  const name = path.basename(file);
  let offset = 0;
  const wrong = (near: number) => {
    const other = chosen.encoding === 'utf-8' ? 'gb18030' : 'utf-8';
    return new EncodingError(
      `${name} is not valid ${describeEncoding(chosen)} near byte ${near.toLocaleString('en-US')}: ` +
        `re-run with --encoding ${other}${other === 'gb18030' ? ' (Excel in a Chinese locale saves GB18030/GBK)' : ''}, or save the file as UTF-8`,
    );
  };
  if (chosen.encoding === 'utf-8') {
    const check = new TextDecoder('utf-8', { fatal: true });
    return new Transform({
      transform(chunk: Buffer, _encoding, callback: TransformCallback) {
        try {
          check.decode(chunk, { stream: true });
        } catch {
          callback(wrong(offset));
          return;
        }
        offset += chunk.length;
        callback(null, chunk);
      },
      flush(callback: TransformCallback) {
        try {
          check.decode();
          callback();
        } catch {
          callback(wrong(offset));
        }
      },
    });
  }
  const decoder = iconv.getDecoder(chosen.encoding);
  /** The decoded text as UTF-8 bytes, or the error when it holds a character the encoding could not decode. */
  const utf8 = (text: string, callback: TransformCallback) => {
    if (text.includes('\uFFFD')) callback(wrong(offset));
    else callback(null, text === '' ? undefined : Buffer.from(text, 'utf8'));
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      const text = decoder.write(chunk);
      offset += chunk.length;
      utf8(text, callback);
    },
    flush(callback: TransformCallback) {
      utf8(decoder.end() ?? '', callback);
    },
  });
}
