import { Neo4jError } from 'neo4j-driver';
import { AppError } from '../errors.js';

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
    default:
      return error; // unexpected: masked by formatError, logged in full
  }
}
