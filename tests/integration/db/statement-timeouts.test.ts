/**
 * Serving statements are cut at 30 s; batch work (the analytics worker) opens its Db with its
 * own default (ANALYTICS_TX_TIMEOUT_SECONDS). A statement the server terminates reaches the
 * caller as QUERY_TIMEOUT and is named on the error, so a failed job's log says which step ran
 * out of time.
 */
import { describe, expect, it } from 'vitest';
import { type cypher } from '../../../src/db/cypher.js';
import { jobFailure } from '../../../src/analytics/job-errors.js';
import { Db } from '../../../src/db/db.js';
import { AppError } from '../../../src/errors.js';
import { createFormatError } from '../../../src/graphql/format-error.js';
import { createLogger } from '../../../src/logger.js';
import { useTestDatabase } from '../../helpers/test-db.js';

const slow = { name: 'test/slow', text: 'UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n' } as ReturnType<
  typeof cypher<{ n: number }, Record<string, never>>
>;

describe('statement timeouts', () => {
  const t = useTestDatabase();

  it('apply the Db default to every statement and name the one the server terminated', async () => {
    const batch = new Db(t.db.driver, t.db.database, createLogger('silent'), 1_000);
    const started = Date.now();
    const error = await batch.query(slow, {}).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ extensions: { code: 'QUERY_TIMEOUT' }, statement: 'test/slow' });
    expect(jobFailure(error, 'job-1').code).toBe('QUERY_TIMEOUT');
    // The client sees the code and the advice; the statement's name stays in the server log.
    const formatted = createFormatError(createLogger('silent'))({ message: (error as AppError).message }, error);
    expect(formatted.extensions).toEqual({ code: 'QUERY_TIMEOUT' });
    expect(JSON.stringify(formatted)).not.toContain('test/slow');
    expect((error as { afterMs: number }).afterMs).toBeGreaterThanOrEqual(900);
  });
});
