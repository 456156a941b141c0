import { Neo4jError } from 'neo4j-driver';
import { AppError } from '../errors.js';

/**
 * Errors the driver would retry but that a retry cannot fix: a query that ran out of memory
 * will run out again, so retrying only makes the client wait (30 s of retries by default)
 * before the same failure. Thrown from inside a managed transaction as an AppError, which the
 * driver does not retry.
 */
export function stopRetryingHopeless(error: unknown): never {
  if (error instanceof Neo4jError && error.code.includes('Memory')) {
    throw toAppError(error);
  }
  throw error;
}

/** Neo4jError.code → AppError. Mapped by code, never by message text (it changes between versions). */
export function toAppError(error: unknown): unknown {
  if (!(error instanceof Neo4jError)) return error;
  switch (error.code) {
    case 'Neo.ClientError.Schema.ConstraintValidationFailed':
      return new AppError('That record already exists.', 'CONFLICT');
    case 'ServiceUnavailable':
    case 'SessionExpired':
    case 'Neo.TransientError.General.DatabaseUnavailable':
      return new AppError('The database is unavailable; try again shortly.', 'DATABASE_UNAVAILABLE');
    case 'Neo.TransientError.General.MemoryPoolOutOfMemoryError':
    case 'Neo.TransientError.General.TransactionMemoryLimit':
    case 'Neo.TransientError.General.OutOfMemoryError':
      return new AppError(
        "The request needs more memory than the database allows for one query: narrow it (a smaller seed, size or page) or raise the server's transaction memory (db.memory.transaction.total.max).",
        'RESOURCE_EXHAUSTED',
      );
    default:
      return error; // unexpected: masked by formatError, logged in full
  }
}
