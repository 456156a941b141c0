import type { Driver, ManagedTransaction, Result, Session, SessionMode } from 'neo4j-driver';
import type { Logger } from '../logger.js';
import type { CypherQuery } from './cypher.js';
import { isTimeout, retryTransient, stopRetryingHopeless, toAppError } from './neo4j-errors.js';

type TransactionConfig = NonNullable<Parameters<Session['executeRead']>[1]>;

export interface TxOptions {
  /** Names the unit of work in transaction metadata (SHOW TRANSACTIONS, query log). */
  name?: string;
  timeoutMs?: number;
}

/**
 * Called once per Cypher statement sent; used by the round-trip tests and benchmarks (which
 * replay statements under PROFILE to measure their memory). `params` hold PII: never log them.
 */
export type QueryListener = (event: { name: string; ms: number; rows: number; text: string; params: Record<string, unknown> }) => void;

/**
 * Starts a statement (`session.run`, `tx.run`) without the stack trace the driver captures
 * for every Result it builds, to graft onto a failure later: formatting it was 3–4 % of a
 * profile page's CPU (bench:peer), for every statement, failing or not. The driver's own frames
 * told a reader little anyway; a failure names its statement instead (`collect`).
 */
function withoutCallerStack<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** How long a transaction may run before the server terminates it, unless a call says otherwise. */
const SERVING_TX_TIMEOUT_MS = 30_000;

/**
 * The one owner of sessions. Units of work run in managed transactions (`executeRead` /
 * `executeWrite`) so the driver retries transient failures and routes reads to secondaries
 * on a cluster (neo4j:// URIs); a single read statement (`query`) runs as an auto-commit
 * transaction in a READ session, routed and retried the same way (see `query`). Work passed
 * to read/write may run more than once: keep it free of side effects.
 */
export class Db {
  private readonly listeners = new Set<QueryListener>();

  constructor(
    readonly driver: Driver,
    readonly database: string,
    private readonly logger: Logger,
    /** Serving work keeps the 30 s default; batch work (the analytics worker) passes its own. */
    private readonly defaultTimeoutMs = SERVING_TX_TIMEOUT_MS,
  ) {}

  /** Runs `work` in a managed read transaction. */
  read<T>(work: (tx: ManagedTransaction) => Promise<T>, options?: TxOptions): Promise<T> {
    return this.withSession('READ', (session) => session.executeRead((tx) => work(tx).catch(stopRetryingHopeless), this.txConfig(options)));
  }

  /** Same as `read`, on the leader. One call = one atomic unit of work. */
  write<T>(work: (tx: ManagedTransaction) => Promise<T>, options?: TxOptions): Promise<T> {
    return this.withSession('WRITE', (session) => session.executeWrite((tx) => work(tx).catch(stopRetryingHopeless), this.txConfig(options)));
  }

  /**
   * One read statement in its own transaction: auto-commit, in a READ session. A managed
   * transaction costs three Bolt exchanges (BEGIN, RUN + PULL, COMMIT, each flushed and each a
   * wake-up of the server) where an auto-commit one costs one; that was a fifth of a profile
   * page's CPU on both sides (bench:peer, docs/ARCHITECTURE.md#transactions). What a managed
   * read gives is kept: the session's READ mode routes it to a reader on a cluster, and
   * transient failures are retried with the driver's back-off (`retryTransient`), which is
   * safe because the statement only reads.
   */
  query<Row, Params extends Record<string, unknown>>(query: CypherQuery<Row, Params>, params: Params): Promise<Row[]> {
    return this.mapErrors(() =>
      retryTransient(() =>
        this.session('READ', (session) =>
          this.collect(
            query,
            params,
            withoutCallerStack(() => session.run(query.text, params, this.txConfig({ name: query.name }))),
          ),
        ),
      ),
    );
  }

  /** One query in its own write transaction. */
  mutate<Row, Params extends Record<string, unknown>>(query: CypherQuery<Row, Params>, params: Params): Promise<Row[]> {
    return this.write((tx) => this.run(tx, query, params), { name: query.name });
  }

  /** Runs one named query inside a transaction and returns its rows as plain objects. */
  run<Row, Params extends Record<string, unknown>>(tx: ManagedTransaction, query: CypherQuery<Row, Params>, params: Params): Promise<Row[]> {
    return this.collect(
      query,
      params,
      withoutCallerStack(() => tx.run(query.text, params)),
    );
  }

  /**
   * One write statement in an auto-commit transaction. Only for `CALL { … } IN TRANSACTIONS`
   * (bulk deletes and write-backs), which cannot run inside a managed transaction; not retried.
   */
  autoCommit<Row, Params extends Record<string, unknown>>(query: CypherQuery<Row, Params>, params: Params): Promise<Row[]> {
    return this.withSession('WRITE', (session) =>
      this.collect(
        query,
        params,
        withoutCallerStack(() => session.run(query.text, params, { metadata: { app: 'profile-graph', query: query.name } })),
      ),
    );
  }

  /** Awaits a statement's result as plain objects, and tells the listeners. */
  private async collect<Row>(query: CypherQuery<Row, Record<string, unknown>>, params: Record<string, unknown>, result: Result): Promise<Row[]> {
    const started = performance.now();
    const rows = (
      await result.catch((error: unknown) => {
        // The driver's error does not say which statement failed (a timed-out job step, say);
        // named here, it shows in whatever logs the error (pino serialises own properties).
        if (error instanceof Error && !('statement' in error))
          Object.assign(error, { statement: query.name, afterMs: Math.round(performance.now() - started) });
        throw error;
      })
    ).records.map((record) => record.toObject() as Row);
    const ms = performance.now() - started;
    this.logger.debug({ query: query.name, rows: rows.length, ms: Math.round(ms) }, 'cypher');
    for (const listener of this.listeners) listener({ name: query.name, ms, rows: rows.length, text: query.text, params });
    return rows;
  }

  /** Subscribes to every statement run through this Db; returns the unsubscribe function. */
  onQuery(listener: QueryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async session<T>(mode: SessionMode, use: (session: Session) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: mode });
    try {
      return await use(session);
    } finally {
      await session.close();
    }
  }

  private withSession<T>(mode: SessionMode, use: (session: Session) => Promise<T>): Promise<T> {
    return this.mapErrors(() => this.session(mode, use));
  }

  /** Database errors callers can act on become coded AppErrors; the rest pass unchanged. */
  private async mapErrors<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      // The client gets QUERY_TIMEOUT, which formatError does not log: the operator learns here
      // which statement ran out of time, and after how long.
      if (isTimeout(error)) {
        const { statement, afterMs } = error as { statement?: string; afterMs?: number };
        this.logger.warn({ statement, afterMs }, 'statement timed out');
      }
      throw toAppError(error);
    }
  }

  private txConfig(options: TxOptions = {}): TransactionConfig {
    return {
      timeout: options.timeoutMs ?? this.defaultTimeoutMs,
      metadata: { app: 'profile-graph', ...(options.name ? { query: options.name } : {}) },
    };
  }
}
