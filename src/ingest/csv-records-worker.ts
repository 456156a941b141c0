/**
 * Entry of the CSV reader thread (see csv-records.ts): reads and parses one file, posting its
 * records in batches; stays at most a few batches ahead of what the main thread has taken.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseRecords, type CsvWorkerData, type CsvWorkerMessage } from './csv-records.js';
import { EncodingError } from './encoding.js';

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
  let batch: Extract<CsvWorkerMessage, { type: 'batch' }> = { type: 'batch', records: [], raws: [], lines: [], bytesRead: 0 };
  const send = async () => {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits -= 1;
    post(batch);
    batch = { type: 'batch', records: [], raws: [], lines: [], bytesRead: 0 };
  };
  for await (const { record, raw, line, bytesRead } of parseRecords(file, encoding)) {
    batch.records.push(record);
    batch.raws.push(raw);
    batch.lines.push(line);
    batch.bytesRead = bytesRead;
    if (batch.records.length >= BATCH) await send();
  }
  if (batch.records.length > 0) await send();
  post({ type: 'end' });
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error), encoding: error instanceof EncodingError });
}
port.close();
