import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';

/**
 * graphql-js stops coercing variables after 50 errors and adds this one, without a code (no
 * other way to recognise it than its text, fixed in graphql-js 16). It is the client's input:
 * the fuzzer sent a rule with 60 missing fields and got INTERNAL_SERVER_ERROR for it.
 */
const VARIABLE_ERROR_LIMIT = 'Too many errors processing variables, error limit reached. Execution aborted.';

/**
 * Deliberate errors (AppError) and graphql-js/Apollo request errors pass through; anything
 * else is an internal failure: logged in full here, and masked for the client so no stack
 * trace, Cypher text or driver message leaks.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.['code'];
    if (original instanceof AppError) {
      // `http` sets the response status; Apollo removes it from the body, so it stays out.
      const { http: _http, ...extensions } = original.extensions;
      return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions };
    }
    if (code !== undefined && code !== 'INTERNAL_SERVER_ERROR') {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (formatted.message === VARIABLE_ERROR_LIMIT) {
      return { message: `${formatted.message} Fix the errors listed before it.`, extensions: { code: 'BAD_USER_INPUT' } };
    }
    // Apollo's own request errors without a code (e.g. "provided sha does not match query")
    // carry a 4xx status: the client's mistake, said as such.
    const status = (original as { extensions?: { http?: { status?: unknown } } } | null)?.extensions?.http?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
