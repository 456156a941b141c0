import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { RETRY_BUDGET_MS } from './neo4j-errors.js';

/** One driver per process; it owns the connection pool. */
export function createDriver(neo4jConfig: Config['neo4j'], logger: Logger): Driver {
  const log = logger.child({ module: 'neo4j-driver' });
  return neo4j.driver(neo4jConfig.uri, neo4j.auth.basic(neo4jConfig.username, neo4jConfig.password), {
    userAgent: 'profile-graph',
    maxConnectionPoolSize: 50,
    // Bounded waits, so a request against an unreachable database fails with
    // DATABASE_UNAVAILABLE in seconds (RETRY_BUDGET_MS) instead of the driver's 30 s defaults.
    maxTransactionRetryTime: RETRY_BUDGET_MS,
    connectionTimeout: 5_000,
    connectionAcquisitionTimeout: 10_000,
    // The driver logs at error level what it then hands to the caller (who reports it with
    // context: a coded GraphQL error, a failed job) and what needs no one: a pooled idle
    // connection the server closed when it stopped, planned (`import --initial` restarts its
    // server; a cluster member restarts) or not. Warnings here, so a log's errors stay ours.
    logging: {
      level: 'warn',
      logger: (_level, message) => log.warn(message),
    },
  });
}
