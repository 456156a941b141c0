import cliProgress from 'cli-progress';
import type { Logger } from '../logger.js';

/** Progress of one file or phase: rows done, and bytes when the total size is known. */
export interface ProgressTask {
  update(rows: number, bytes?: number): void;
  finish(rows: number): void;
}

export interface Progress {
  start(label: string, totalBytes: number | null): ProgressTask;
  stop(): void;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * On a terminal: one cli-progress bar per file (rows, rows/s, %, ETA) on stderr. Elsewhere (CI,
 * pipes, logs): a plain log line every few seconds and one when a file is done, so output
 * stays readable in a file.
 */
export function createProgress(logger: Logger, options: { tty?: boolean; intervalMs?: number; activity?: string } = {}): Progress {
  const tty = options.tty ?? Boolean(process.stderr.isTTY);
  if (tty) {
    const bars = new cliProgress.MultiBar(
      {
        stream: process.stderr,
        format: ' {label} |{bar}| {percentage}% | {rowsText} rows | {rate} rows/s | ETA {eta_formatted}',
        hideCursor: true,
        clearOnComplete: false,
        stopOnComplete: false,
        etaBuffer: 50,
        barsize: 16,
      },
      cliProgress.Presets.shades_classic,
    );
    return {
      start(label, totalBytes) {
        const started = Date.now();
        const total = totalBytes ?? 1;
        const bar = bars.create(total, 0, { label: label.padEnd(24).slice(0, 24), rowsText: '0', rate: '0' });
        const payload = (rows: number) => ({ rowsText: fmt(rows), rate: fmt(rows / Math.max(0.001, (Date.now() - started) / 1000)) });
        return {
          update: (rows, bytes) => bar.update(totalBytes === null ? 0 : Math.min(total, bytes ?? 0), payload(rows)),
          finish: (rows) => bar.update(total, payload(rows)),
        };
      },
      stop: () => bars.stop(),
    };
  }
  const interval = options.intervalMs ?? 5_000;
  return {
    start(label, totalBytes) {
      const started = Date.now();
      let lastLog = started;
      const rate = (rows: number) => Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000));
      return {
        update(rows, bytes) {
          if (Date.now() - lastLog < interval) return;
          lastLog = Date.now();
          const percent = totalBytes && bytes !== undefined ? Math.round((100 * bytes) / totalBytes) : null;
          logger.info({ file: label, rows, rowsPerSecond: rate(rows), ...(percent === null ? {} : { percent }) }, options.activity ?? 'importing');
        },
        finish(rows) {
          logger.info({ file: label, rows, rowsPerSecond: rate(rows), seconds: (Date.now() - started) / 1000 }, 'done');
        },
      };
    },
    stop: () => undefined,
  };
}
