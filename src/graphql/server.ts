import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { authenticate, type Auth } from './auth.js';
import { inputLengthsPlugin } from './input-lengths.js';
import { costPlugin } from './cost.js';
import { createFormatError } from './format-error.js';
import { listenHttp, type HttpFrontDoor } from './http.js';
import { staticFiles } from './static-files.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { localeFromHeader, type Locale } from './locale.js';
import type { RequestContext } from './request-context.js';
import { buildSchema, type ResolverMap } from './schema.js';

/** Logs one line per operation: name, duration, error count. Never variables (they hold PII). */
function requestLogging(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors }) {
          contextValue.logger.info(
            { operation: operationName ?? 'anonymous', ms: Math.round(performance.now() - started), errors: errors?.length ?? 0 },
            'graphql',
          );
        },
      };
    },
  };
}

/** What the server is built from: the composition root hands in the resolvers (src/resolvers.ts). */
export interface ServerDeps {
  config: Config;
  logger: Logger;
  resolvers: ResolverMap[];
}

export function buildServer<TContext extends RequestContext>(deps: ServerDeps): ApolloServer<TContext> {
  const { limits, env } = deps.config;
  // graphql-armor: depth and alias limits are validation rules, so an abusive query is refused
  // before any resolver (and any Cypher) runs. Cost needs the variables: costPlugin. Tokens
  // are capped by graphql-js's own parser (parseOptions): armor's token plugin parsed the
  // query a second time inside a plugin hook, which turned every syntax error into a 500.
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: env === 'production' },
  }).protect();
  return new ApolloServer<TContext>({
    schema: buildSchema(deps.resolvers),
    // Armor's typings resolve Apollo's CommonJS build and ours the ESM one: same objects.
    // Cache-control hints are not used: Apollo's default cache-control plugin would otherwise
    // run a hook on every resolved field of every request (seen in the serving CPU profile).
    plugins: [
      ...(armor.plugins as unknown as ApolloServerPlugin<TContext>[]),
      costPlugin(limits),
      inputLengthsPlugin(),
      requestLogging(),
      ApolloServerPluginCacheControlDisabled(),
    ],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: 5_000 },
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    introspection: deps.config.introspection,
    formatError: createFormatError(deps.logger),
    // Shutdown has one owner (src/lifecycle/shutdown.ts): Apollo's own SIGINT/SIGTERM handlers
    // would start a second, concurrent stop.
    stopOnTerminationSignals: false,
  });
}

/**
 * Bytes one batch item may take in a request body: a user with every text field at its length
 * limit (src/input-lengths.ts, about 1,150 bytes with JSON keys and quotes) and a few interests.
 */
const BYTES_PER_BATCH_ITEM = 1_600;

/** The largest body a legitimate request needs: a mutation of MAX_BATCH_SIZE items (8 MB at the default 5,000); never below 1 MiB. */
export const maxBodyBytes = (limits: { maxBatchSize: number }) => Math.max(1 << 20, limits.maxBatchSize * BYTES_PER_BATCH_ITEM);

/** Starts Apollo and serves it over HTTP; resolves once listening. `createContext` builds each request's context for its caller. */
export async function listen<TContext extends RequestContext>(
  server: ApolloServer<TContext>,
  deps: Omit<ServerDeps, 'resolvers'>,
  createContext: (auth: Auth, requestId: string, locale: Locale) => TContext,
): Promise<HttpFrontDoor> {
  await server.start();
  const caller = (req: IncomingMessage) =>
    authenticate(deps.config.auth, (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    });
  // The key is checked from the headers before the body is read (admit), and remembered for
  // the context Apollo asks for once the body is parsed.
  const callers = new WeakMap<IncomingMessage, Auth>();
  const webRoot = deps.config.web.root;
  const locale = (req: IncomingMessage) => localeFromHeader(req.headers['accept-language']);
  return listenHttp(server, async (req) => createContext(callers.get(req) ?? caller(req), randomUUID(), locale(req)), {
    host: deps.config.http.host,
    port: deps.config.http.port,
    maxBodyBytes: maxBodyBytes(deps.config.limits),
    admit: (req) => void callers.set(req, caller(req)),
    allowedOrigins: deps.config.http.corsOrigins,
    logger: deps.logger,
    web: webRoot && existsSync(path.join(webRoot, 'index.html')) ? staticFiles(webRoot) : null,
  });
}
