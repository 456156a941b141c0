import { GraphQLError } from 'graphql';

/**
 * The closed set of error codes clients may branch on. Anything else reaching the client is
 * `INTERNAL_SERVER_ERROR` with a generic message (see graphql/format-error.ts).
 * graphql-js validation and Apollo's own codes (GRAPHQL_VALIDATION_FAILED,
 * GRAPHQL_PARSE_FAILED, BAD_USER_INPUT for variable coercion) pass through unchanged.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'CONFLICT'
  | 'ANALYTICS_BACKEND_UNAVAILABLE'
  | 'DATABASE_UNAVAILABLE'
  | 'RESOURCE_EXHAUSTED'
  | 'QUERY_TIMEOUT'
  | 'COST_LIMIT_EXCEEDED'
  | 'TOO_MANY_REQUESTS';

/** Codes graphql-js and Apollo Server attach themselves. */
export type RequestErrorCode =
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'BAD_REQUEST'
  | 'OPERATION_RESOLUTION_FAILURE'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'PERSISTED_QUERY_NOT_SUPPORTED'
  | 'INTERNAL_SERVER_ERROR';

declare module 'graphql' {
  interface GraphQLErrorExtensions {
    code?: ErrorCode | RequestErrorCode;
  }
}

/** An error we expect and explain to the client. Anything else is masked. */
export class AppError extends GraphQLError {
  constructor(message: string, code: ErrorCode, details?: Record<string, unknown>) {
    super(message, { extensions: { code, ...details } });
    this.name = new.target.name;
  }
}

export class BadInputError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 'BAD_USER_INPUT', details);
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, ids: string | readonly string[]) {
    const list = typeof ids === 'string' ? [ids] : [...ids];
    const shown = list
      .slice(0, 10)
      .map((id) => `"${id}"`)
      .join(', ');
    const more = list.length > 10 ? ` and ${list.length - 10} more` : '';
    super(list.length === 1 ? `${entity} ${shown} does not exist.` : `${entity}s ${shown}${more} do not exist.`, 'NOT_FOUND', {
      entity,
      ids: list.slice(0, 100),
    });
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super(message, 'FORBIDDEN');
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message: string) {
    super(message, 'UNAUTHENTICATED', { http: { status: 401 } });
  }
}

/** Thrown by loadConfig: lists every problem with the environment at once. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
