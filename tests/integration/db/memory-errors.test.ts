/**
 * A query that runs out of database memory fails the same way every time: the client gets a
 * coded RESOURCE_EXHAUSTED at once, not INTERNAL_SERVER_ERROR after 30 s of driver retries.
 */
import { describe, expect, it } from 'vitest';
import { type cypher } from '../../../src/db/cypher.js';
import { AppError } from '../../../src/errors.js';
import { useTestDatabase } from '../../helpers/test-db.js';

describe('database memory errors', () => {
  const t = useTestDatabase();

  it('reach the caller as RESOURCE_EXHAUSTED, once, without retries', async () => {
    // The test server bounds all transactions together at its heap (1g, db.memory.transaction.total.max):
    // 60 M strings in one list need several times that.
    const heavy = { name: 'test/heavy', text: 'UNWIND range(1, 60000000) AS x RETURN size(collect(toString(x))) AS n' } as ReturnType<
      typeof cypher<{ n: number }, Record<string, never>>
    >;
    {
      const started = Date.now();
      const error = await t.db.query(heavy, {}).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).extensions['code']).toBe('RESOURCE_EXHAUSTED');
      // The driver's retries of a transient error would go on for 30 s before failing.
      expect(Date.now() - started).toBeLessThan(15_000);
    }
  });
});
