/**
 * Starts a worker thread on one of the project's modules, whether it runs compiled (dist/, plain
 * JavaScript) or from its TypeScript sources under tsx (development, tests, `npm start`).
 * Used by the analytics jobs (analytics/worker-host.ts) and the CSV reader of large imports
 * (ingest/csv-records.ts).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// A worker thread does not inherit the tsx loader, so for a TypeScript entry a small bootstrap
// registers it before importing the entry.
const TSX_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then(({ register }) => { register(); return import(workerData.entry); });
`;

/**
 * tsx's registration API (its ESM build: the CommonJS one resolves its own parts wrongly when
 * imported). vitest's module runner has no import.meta.resolve, so require's resolution of the
 * package is mapped to the ESM file beside the CommonJS one.
 */
function tsxApiUrl(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  return pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
}

/** The entry's sibling module `name` in the form this process runs (`.ts` under tsx, `.js` compiled). */
export function siblingModule(name: string, importMetaUrl: string): URL {
  return new URL(`./${name}${importMetaUrl.endsWith('.ts') ? '.ts' : '.js'}`, importMetaUrl);
}

/** A worker on `entry`, which reads `workerData` as given (structured-cloned). */
export function startModuleWorker(entry: URL, workerData: unknown): Worker {
  return entry.pathname.endsWith('.ts')
    ? new Worker(TSX_BOOTSTRAP, { eval: true, workerData: { ...(workerData as object), entry: entry.href, tsxApi: tsxApiUrl() } })
    : new Worker(entry, { workerData });
}
