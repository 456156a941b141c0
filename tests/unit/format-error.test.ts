import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { NotFoundError, UnauthenticatedError } from '../../src/errors.js';
import { createFormatError } from '../../src/graphql/format-error.js';
import { createLogger } from '../../src/logger.js';

const formatError = createFormatError(createLogger('silent'));

describe('formatError', () => {
  it('masks unexpected errors: no message, no stack, no driver text', () => {
    const leaked = new Error('Neo.ClientError.Statement.SyntaxError: MATCH (u:User) secret');
    const formatted = formatError({ message: leaked.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } }, leaked);
    expect(formatted).toEqual({ message: 'Internal server error', path: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('passes deliberate errors through with their code and details', () => {
    const error = new NotFoundError('User', 'zed');
    const formatted = formatError({ message: error.message, extensions: { code: 'NOT_FOUND', stacktrace: ['at y'] } }, error);
    expect(formatted.message).toBe('User "zed" does not exist.');
    expect(formatted.extensions).toEqual({ code: 'NOT_FOUND', entity: 'User', ids: ['zed'] });
  });

  it('never puts the HTTP status an error sets into the response body', () => {
    const error = new UnauthenticatedError('The API key is not recognised.');
    const formatted = formatError({ message: error.message, extensions: { code: 'UNAUTHENTICATED' } }, error);
    expect(formatted.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('keeps validation errors but drops their stack traces', () => {
    const error = new GraphQLError('Cannot query field "nope"', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const formatted = formatError({ message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['z'] } }, error);
    expect(formatted.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });
});
