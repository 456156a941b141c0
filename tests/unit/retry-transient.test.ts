import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { retryTransient } from '../../src/db/neo4j-errors.js';

/** Fails with each error in turn, then answers 'ok'; counts its calls. */
function failing(...errors: Error[]) {
  const work = async () => {
    work.calls += 1;
    const error = errors.shift();
    if (error) throw error;
    return 'ok';
  };
  work.calls = 0;
  return work;
}

const fast = { firstDelayMs: 1, budgetMs: 1_000 };
const transient = () => new Neo4jError('deadlock', 'Neo.TransientError.Transaction.DeadlockDetected', '40000', 'test');

describe('retryTransient (single auto-commit reads)', () => {
  it('retries what a managed transaction would retry', async () => {
    const work = failing(transient(), new Neo4jError('gone', 'ServiceUnavailable', '08000', 'test'));
    await expect(retryTransient(work, fast)).resolves.toBe('ok');
    expect(work.calls).toBe(3);
  });

  it('fails at once on client errors and on memory errors (a retry cannot fix them)', async () => {
    for (const error of [
      new Neo4jError('bad', 'Neo.ClientError.Statement.SyntaxError', '42000', 'test'),
      new Neo4jError('memory', 'Neo.TransientError.General.MemoryPoolOutOfMemoryError', '51N00', 'test'),
      new Error('not a database error'),
    ]) {
      const work = failing(error);
      await expect(retryTransient(work, fast)).rejects.toBe(error);
      expect(work.calls).toBe(1);
    }
  });

  it('gives up when the next wait would pass its budget', async () => {
    const work = failing(...Array.from({ length: 20 }, transient));
    await expect(retryTransient(work, { firstDelayMs: 10, budgetMs: 100 })).rejects.toMatchObject({ code: 'Neo.TransientError.Transaction.DeadlockDetected' });
    expect(work.calls).toBeGreaterThan(1);
    expect(work.calls).toBeLessThan(6);
  });
});
