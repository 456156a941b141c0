/**
 * Entry of the analytics worker thread (see analytics/worker-host.ts): rebuilds the engine with
 * its own driver, runs one job with the features' tasks, reports the outcome and exits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyticsTasks } from './analytics-tasks.js';
import { AnalyticsEngine, jobLiveness } from './analytics/index.js';
import type { WorkerReply, WorkerRequest } from './analytics/worker-host.js';
import { Db } from './db/db.js';
import { createDriver } from './db/driver.js';
import { createLogger } from './logger.js';

const { request } = workerData as { request: WorkerRequest };
const { setup } = request;
const logger = createLogger(setup.logLevel, 'profile-graph-analytics');
const db = new Db(createDriver(setup.neo4j, logger), setup.neo4j.database, logger, setup.txTimeoutMs);
const engine = new AnalyticsEngine(
  db,
  logger.child({ module: 'analytics' }),
  analyticsTasks(setup.tasks),
  setup.gdsAvailable,
  setup.configured,
  jobLiveness(setup.staleAfterMs),
);

let reply: WorkerReply;
try {
  reply = { ok: true, job: await engine.execute(request.job, request.spec) };
} catch (error) {
  reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
} finally {
  await db.close();
}
parentPort?.postMessage(reply);
