import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';

export interface Line {
  /** 1-based line number in the file, as an editor shows it (the header is line 1). */
  number: number;
  text: string;
  /** Bytes of the file read so far: drives the progress bar's percentage and ETA. */
  bytesRead: number;
}

/**
 * Streams a text file line by line in constant memory. Decodes with the file's own encoding
 * (HetRec's tags.dat and MovieLens' u.item are Latin-1) and drops a trailing CR, so CRLF and
 * LF files read alike.
 */
export async function* readLines(file: string, options: { encoding?: BufferEncoding; skipHeader?: boolean } = {}): AsyncGenerator<Line> {
  const stream = createReadStream(file, { encoding: options.encoding ?? 'utf8', highWaterMark: 1 << 20 });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const raw of lines) {
      number += 1;
      if (number === 1 && options.skipHeader) continue;
      const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (text.trim() === '') continue;
      yield { number, text, bytesRead: stream.bytesRead };
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}

export async function fileSize(file: string): Promise<number> {
  return (await stat(file)).size;
}
