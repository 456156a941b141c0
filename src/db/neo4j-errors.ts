import { setTimeout as sleep } from 'node:timers/promises';
import { isRetryableError, Neo4jError } from 'neo4j-driver';
import { AppError } from '../errors.js';

const isHopeless = (error: unknown) => error instanceof Neo4jError && error.code.includes('Memory');

/**
 * Errors the driver would retry but that a retry cannot fix: a query that ran out of memory
 * will run out again, so retrying only makes the client wait (30 s of retries by default)
 * before the same failure. Thrown from inside a managed transaction as an AppError, which the
 * driver does not retry.
 */
export function stopRetryingHopeless(error: unknown): never {
  if (isHopeless(error)) throw toAppError(error);
  throw error;
}

/**
 * How long a unit of work keeps retrying transient failures (a lost connection, a leader
 * switch, a deadlock) before the caller gets DATABASE_UNAVAILABLE. The driver's default is
 * 30 s; with Neo4j down, requests then stalled 31–68 s (issue 12). A client told within a few
 * seconds can retry or show a message; one kept waiting half a minute cannot.
 */
export const RETRY_BUDGET_MS = 5_000;

/**
 * Retries `work` on the errors a managed transaction would retry, with the driver's policy
 * (a first delay of 1 s, doubling, ±20% jitter; RETRY_BUDGET_MS in all), for work the driver
 * does not retry itself: single auto-commit reads (Db.query). Hopeless errors fail at once.
 */
export async function retryTransient<T>(work: () => Promise<T>, { budgetMs = RETRY_BUDGET_MS, firstDelayMs = 1_000 } = {}): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let delay = firstDelayMs; ; delay *= 2) {
    try {
      return await work();
    } catch (error) {
      const wait = delay * (0.8 + Math.random() * 0.4);
      if (!isRetryableError(error) || isHopeless(error) || Date.now() + wait > deadline) throw error;
      await sleep(wait);
    }
  }
}

/**
 * Another transaction changed what this one had read, after it read it (two merges of one
 * user, one committed first): thrown by code that notices it. Rerunning the unit of work reads
 * the new state, which is safe for work that is idempotent.
 */
export class ConcurrentChange extends Error {
  override name = 'ConcurrentChange';
}

/** A lost race: our own ConcurrentChange, or a statement that met a node another transaction deleted after this one found it. */
export function isConcurrentChange(error: unknown): boolean {
  return error instanceof ConcurrentChange || (error instanceof Neo4jError && error.code === 'Neo.ClientError.Statement.EntityNotFound');
}

/** Concurrent changes one unit of work is rerun for, at most, before the error stands. */
const CONCURRENT_CHANGE_ATTEMPTS = 3;

/**
 * Runs an idempotent unit of work again when it lost a race (isConcurrentChange): the driver
 * retries only transient errors, and a transaction that read a user another one merged away
 * fails with a client error, which a rerun answers correctly (the merge is then a no-op).
 */
export async function retryConcurrentChange<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= CONCURRENT_CHANGE_ATTEMPTS || !isConcurrentChange(error)) throw error;
    }
  }
}

/** The server ended a statement at its transaction timeout (the Db's, or the server's `db.transaction.timeout`). */
export function isTimeout(error: unknown): boolean {
  return (
    error instanceof Neo4jError &&
    (error.code === 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration' || error.code === 'Neo.ClientError.Transaction.TransactionTimedOut')
  );
}

/** Neo4jError.code → AppError. Mapped by code, never by message text (it changes between versions). */
export function toAppError(error: unknown): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (isTimeout(error)) {
    // Which statement and after how long (set by Db.collect) stay on the error for the log;
    // the client sees the code and a message, not our statement names.
    const { statement, afterMs } = error as { statement?: string; afterMs?: number };
    return Object.assign(
      new AppError(
        'The request took longer than the database allows one query: narrow it (a smaller page, segment or seed) or try again when the server is less busy.',
        'QUERY_TIMEOUT',
      ),
      { statement, afterMs },
    );
  }
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
