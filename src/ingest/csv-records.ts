/**
 * The records of a CSV file, in order, each with its raw text, its line and how far into the
 * file it ends. A large file is read and parsed in a worker thread (csv-records-worker.ts), so
 * the import's staging and writing keep the main thread and parsing runs on the other core:
 * csv-parse was ~20 % of the main thread's busy time in `import csv --initial` (docs/SCALING.md).
 * Small files are parsed inline, where a worker's start would cost more than it saves.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { siblingModule, startModuleWorker } from '../lib/module-worker.js';
import { EncodingError, toUtf8, type FileEncoding } from './encoding.js';

export interface CsvRecord {
  record: string[];
  /** The record as written in the file, without its line break (for the rejects file). */
  raw: string;
  /** 1-based line where the record ends, as csv-parse counts it. */
  line: number;
  /** Bytes of the file read when the record was parsed: drives the progress bar. */
  bytesRead: number;
}

/** Files from this size up are parsed in a worker thread (about 80,000 rows of events). */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;

/** What the worker sends: a batch of records, the end, or why it stopped. */
export type CsvWorkerMessage =
  | { type: 'batch'; records: string[][]; raws: string[]; lines: number[]; bytesRead: number }
  | { type: 'end' }
  | { type: 'error'; message: string; encoding: boolean };

export interface CsvWorkerData {
  file: string;
  encoding: FileEncoding;
}

export async function* csvRecords(file: string, encoding: FileEncoding, options: { workerMinBytes?: number } = {}): AsyncGenerator<CsvRecord> {
  const inWorker = (await stat(file)).size >= (options.workerMinBytes ?? WORKER_MIN_BYTES);
  yield* inWorker ? recordsFromWorker(file, encoding) : parseRecords(file, encoding);
}

/** Reads and parses the file on this thread: inline for small files, and what the worker runs for large ones. */
export async function* parseRecords(file: string, encoding: FileEncoding): AsyncGenerator<CsvRecord> {
  const source = createReadStream(file);
  // RFC 4180, ragged rows kept (the caller rejects them), BOM dropped.
  const parser = parse({ info: true, raw: true, relax_column_count: true, skip_empty_lines: true, bom: true });
  // pipeline, not pipe: a decoding error must end the parser's iteration, not leave it waiting.
  pipeline(source, toUtf8(file, encoding), parser, () => {});
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
    yield { record: item.record, raw: item.raw.replace(/\r?\n$/, ''), line: item.info.lines, bytesRead: source.bytesRead };
  }
}

async function* recordsFromWorker(file: string, encoding: FileEncoding): AsyncGenerator<CsvRecord> {
  const worker = startModuleWorker(siblingModule('csv-records-worker', import.meta.url), { file, encoding } satisfies CsvWorkerData);
  const inbox: CsvWorkerMessage[] = [];
  let wake: (() => void) | null = null;
  const deliver = (message: CsvWorkerMessage) => {
    inbox.push(message);
    wake?.();
    wake = null;
  };
  worker.on('message', deliver);
  worker.on('error', (error: Error) => deliver({ type: 'error', message: error.message, encoding: false }));
  worker.on('exit', (code) => deliver({ type: 'error', message: `the CSV reader of ${file} stopped (exit code ${code})`, encoding: false }));
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = inbox.shift() as CsvWorkerMessage;
      if (message.type === 'end') return;
      if (message.type === 'error') throw message.encoding ? new EncodingError(message.message) : new Error(message.message);
      worker.postMessage('next'); // the worker keeps a few batches ahead, no more
      for (let index = 0; index < message.records.length; index += 1) {
        yield {
          record: message.records[index] as string[],
          raw: message.raws[index] as string,
          line: message.lines[index] as number,
          bytesRead: message.bytesRead,
        };
      }
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}
