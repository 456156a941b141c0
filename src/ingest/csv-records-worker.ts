/**
 * Entry of the CSV reader thread (see csv-records.ts): reads and parses one file, posting its
 * records in batches; stays at most a few batches ahead of what the main thread has taken.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { csvParser, type CsvWorkerData, type CsvWorkerMessage } from './csv-records.js';
import { EncodingError, toUtf8 } from './encoding.js';

const BATCH = 2_000;
/** Batches posted and not yet taken: enough to keep the main thread fed, bounded in memory. */
const AHEAD = 4;

const port = parentPort;
if (!port) throw new Error('csv-records-worker runs as a worker thread');
const { file, encoding } = workerData as CsvWorkerData;

let credits = AHEAD;
let wake: (() => void) | null = null;
port.on('message', () => {
  credits += 1;
  wake?.();
  wake = null;
});
const post = (message: CsvWorkerMessage) => port.postMessage(message);

try {
  const source = createReadStream(file);
  const parser = csvParser();
  pipeline(source, toUtf8(file, encoding), parser, () => {});
  let batch: Extract<CsvWorkerMessage, { type: 'batch' }> = { type: 'batch', records: [], raws: [], lines: [], bytesRead: 0 };
  const send = async () => {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits -= 1;
    batch.bytesRead = source.bytesRead;
    post(batch);
    batch = { type: 'batch', records: [], raws: [], lines: [], bytesRead: 0 };
  };
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
    batch.records.push(item.record);
    batch.raws.push(item.raw.replace(/\r?\n$/, ''));
    batch.lines.push(item.info.lines);
    if (batch.records.length >= BATCH) await send();
  }
  if (batch.records.length > 0) await send();
  post({ type: 'end' });
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error), encoding: error instanceof EncodingError });
}
port.close();
