import { openDatabase } from './db/open-database.js';
import { analyseSeededGraph } from './analytics/index.js';
import { loadConfig } from './config.js';
import { createAppDeps } from './deps.js';
import { buildApiServer, listenApi } from './api.js';
import { seedDemoIfEmpty } from './ingest/synthetic-graph.js';
import { handleTerminationSignals } from './lifecycle/shutdown.js';
import { createLogger, logDestination } from './logger.js';
import { startEventConsumer } from './streams/index.js';
import { ensureDashboardBuilt } from './web-build.js';

/** How long in-flight requests may take to finish once a shutdown starts. */
const REQUEST_GRACE_MS = 5_000;

/** `npm start`: local Neo4j (unless NEO4J_URI) → schema → demo data if empty → GraphQL on :4000. */
async function main(): Promise<void> {
  const config = loadConfig(process.env); // the one read of process.env for the API
  const logger = createLogger(config.log.level, undefined, logDestination(config.log));
  if (config.auth.apiKeys === null && config.env === 'production') {
    logger.warn('API_KEYS is not set and ALLOW_NO_API_KEYS=true: every caller is admin and can read PII.');
  }
  const database = await openDatabase(config, logger);
  const seeded = await seedDemoIfEmpty(database.db, config, logger);
  const deps = createAppDeps(database.db, config, logger, { neo4jVersion: database.server.neo4jVersion, gds: database.server.gds });
  logger.info({ analyticsBackend: deps.analytics.backend() }, 'analytics backend');
  // Refreshes the tags of recordEvents(tagRefresh: QUEUED) batches, and what other processes left.
  deps.events.queue?.start();
  if (seeded && config.demo.analytics) void analyseSeededGraph(deps.analytics, logger);
  await ensureDashboardBuilt(config.web.root, logger);
  // STREAM_CONSUMER=true: this replica also reads the event topic (replicas share its partitions).
  const stream = config.kafka.consumeInApi ? await startEventConsumer(deps) : null;
  stream?.consumer.done.catch((error: unknown) =>
    logger.error({ err: error }, 'the event consumer stopped on an error; the API keeps serving, restart it to resume consuming'),
  );
  const server = buildApiServer(deps);
  const http = await listenApi(server, deps);
  logger.info({ url: http.url }, `GraphQL ready at ${http.url}`);
  if (config.web.root) logger.info(`Dashboard at ${http.url.replace(/\/graphql$/, '/')}`);

  // The one owner of shutdown: requests finish (bounded), the consumer commits its batch, jobs are recorded as interrupted,
  // Apollo stops once, the driver closes, and the local Neo4j and Kafka we started stop.
  handleTerminationSignals(logger, async (signal) => {
    const [, , interrupted] = await Promise.all([
      http.close(REQUEST_GRACE_MS),
      stream?.consumer.stop(),
      deps.analytics.interruptRunning(`the API process running it was stopped (${signal})`),
    ]);
    if (interrupted > 0) logger.info({ interrupted }, 'analytics jobs recorded as interrupted');
    // The refresh running now finishes; requests still queued wait in the graph for the next refresher.
    await deps.events.queue?.stop();
    await server.stop();
    await Promise.all([database.close(), stream?.stopLocalBroker()]);
  });
}

main().catch((error: unknown) => {
  // Start-up failures are for a person at a terminal: the message, not a stack trace.
  process.stderr.write(`profile-graph failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
