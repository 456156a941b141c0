/**
 * The GraphQL API assembled from the composition root: graphql/'s server with every feature's
 * resolvers and a context per request. Used by main.ts, tests and benchmarks alike.
 */
import type { ApolloServer } from '@apollo/server';
import { createContext, type Context } from './context.js';
import type { AppDeps } from './deps.js';
import type { HttpFrontDoor } from './graphql/http.js';
import { buildServer, listen } from './graphql/server.js';
import { rootResolvers } from './resolvers.js';

export function buildApiServer(deps: AppDeps): ApolloServer<Context> {
  return buildServer<Context>({ config: deps.config, logger: deps.logger, resolvers: rootResolvers });
}

/** Starts the server and serves it over HTTP; resolves once listening. */
export function listenApi(server: ApolloServer<Context>, deps: AppDeps): Promise<HttpFrontDoor> {
  return listen(server, deps, (auth, requestId, locale) => createContext(deps, auth, requestId, new Date(), locale));
}
