import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/** One driver per process; it owns the connection pool. */
export function createDriver(neo4jConfig: Config['neo4j'], logger: Logger): Driver {
  const log = logger.child({ module: 'neo4j-driver' });
  return neo4j.driver(neo4jConfig.uri, neo4j.auth.basic(neo4jConfig.username, neo4jConfig.password), {
    userAgent: 'profile-graph',
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 30_000,
    logging: {
      level: 'warn',
      logger: (level, message) => (level === 'error' ? log.error(message) : log.warn(message)),
    },
  });
}
