import type { Locale } from '../../src/graphql/locale.js';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { ApolloServer } from '@apollo/server';
import neo4j from 'neo4j-driver';
import type { Role } from '../../src/config.js';
import { loadConfig } from '../../src/config.js';
import { Db } from '../../src/db/db.js';
import { createAppDeps, type AppDeps } from '../../src/deps.js';
import { createContext, type Context } from '../../src/context.js';
import { authenticate, authForRole } from '../../src/graphql/auth.js';
import { buildApiServer } from '../../src/api.js';
import { createLogger } from '../../src/logger.js';
import { testEnv } from '../setup/neo4j.js';
import { testServer } from './test-server.js';

export interface GraphqlResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: readonly (string | number)[] }[];
}

/**
 * Per test file: a real driver on the test database, the real Apollo server, and a graph
 * wiped before each test. `graphql()` runs an operation exactly as HTTP requests do (same
 * schema, validation rules, formatError), with a chosen role.
 */
export function useTestDatabase(envOverrides: NodeJS.ProcessEnv = {}) {
  const connection = testServer();
  const config = loadConfig({ ...testEnv(), ...envOverrides, NEO4J_URI: connection.uri });
  const logger = createLogger(process.env['TEST_LOG_LEVEL'] ?? 'silent');
  let deps: AppDeps;
  let server: ApolloServer<Context>;

  beforeAll(async () => {
    const driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.username, connection.password));
    deps = createAppDeps(new Db(driver, connection.database, logger), config, logger, { neo4jVersion: connection.neo4jVersion, gds: connection.gds });
    server = buildApiServer(deps);
    await server.start();
  });

  afterAll(async () => {
    await server?.stop();
    await deps?.db.close();
  });

  beforeEach(async () => {
    await resetGraph(deps.db);
  });

  return {
    get db() {
      return deps.db;
    },
    get deps() {
      return deps;
    },
    config,
    /** Runs one GraphQL operation; role defaults to admin. */
    async graphql<T = Record<string, any>>(
      query: string,
      variables?: Record<string, unknown>,
      options: { role?: Role; apiKey?: string; now?: Date; locale?: Locale } = {},
    ): Promise<GraphqlResult<T>> {
      const auth =
        options.apiKey !== undefined
          ? authenticate(config.auth, (name) => (name === 'authorization' ? `Bearer ${options.apiKey}` : undefined))
          : authForRole(options.role ?? 'admin');
      const response = await server.executeOperation<T>({ query, variables }, { contextValue: createContext(deps, auth, 'test', options.now, options.locale) });
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      // Through JSON, as over HTTP: scalars such as DateTime serialise to Date objects until then.
      return JSON.parse(JSON.stringify(response.body.singleResult)) as GraphqlResult<T>;
    },
    /** Counts the Cypher statements run from now on, by query name. */
    countQueries() {
      const counts = new Map<string, number>();
      const stop = deps.db.onQuery(({ name }) => counts.set(name, (counts.get(name) ?? 0) + 1));
      return {
        total: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
        count: (name: string) => counts.get(name) ?? 0,
        byName: () => Object.fromEntries(counts),
        stop,
      };
    },
    /** Runs raw Cypher for assertions about what is stored (tests only). */
    async cypher<Row = Record<string, unknown>>(text: string, params: Record<string, unknown> = {}): Promise<Row[]> {
      const result = await deps.db.driver.executeQuery(text, params, { database: connection.database });
      return result.records.map((record) => record.toObject() as Row);
    },
  };
}

export async function resetGraph(db: Db): Promise<void> {
  // CALL … IN TRANSACTIONS needs an auto-commit transaction (session.run), not a managed one.
  const session = db.driver.session({ database: db.database });
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

/** The first error's code, for terse assertions. */
export function errorCode(result: GraphqlResult): unknown {
  return result.errors?.[0]?.extensions?.['code'];
}
