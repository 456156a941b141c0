/**
 * A few hundred fuzzed requests on every `npm test` (`npm run fuzz` sends thousands): no
 * INTERNAL_SERVER_ERROR, every error coded, no stack traces, no PII for the analyst role, and
 * nothing written by operations that may not write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { freePort } from '../helpers/net.js';
import { useTestDatabase } from '../helpers/test-db.js';
import { fuzz, type FuzzTarget } from './fuzzer.js';
import { auditAfterWrites, FUZZ_API_KEYS, graphFingerprint, startFuzzTarget } from './setup.js';

describe('fuzzing the HTTP API', () => {
  const t = useTestDatabase({ API_KEYS: FUZZ_API_KEYS });
  let target: FuzzTarget;
  let stop = async () => {};

  beforeAll(async () => {
    ({ target, stop } = await startFuzzTarget(t.db, t.config, createLogger('silent'), t.deps.server, await freePort(), 60));
  });
  afterAll(async () => stop());

  it('answers 300 random, damaged and injected operations with coded errors and writes nothing', async () => {
    // (useTestDatabase resets the graph before each test: load it again inside the test.)
    await stop();
    ({ target, stop } = await startFuzzTarget(t.db, t.config, createLogger('silent'), t.deps.server, await freePort(), 60));
    const before = await graphFingerprint(t.db);
    const report = await fuzz(target, { seed: 2026, requests: 300, readOnly: true });
    expect(report.failures.slice(0, 3)).toEqual([]);
    expect(report.requests).toBe(300);
    expect(await graphFingerprint(t.db)).toBe(before);
  }, 180_000);

  it('keeps identities and segment references whole through 150 admin writes aimed at them (shared devices, cycles, deletes, deep rules)', async () => {
    await stop();
    ({ target, stop } = await startFuzzTarget(t.db, t.config, createLogger('silent'), t.deps.server, await freePort(), 60));
    const report = await fuzz(target, { seed: 43, requests: 150, readOnly: false, targetedShare: 1 });
    expect(report.failures.slice(0, 3)).toEqual([]);
    expect(report.byCode['CONFLICT'] ?? 0).toBeGreaterThan(0); // deletes of the referenced segment were refused
    expect(await auditAfterWrites(t.db, target.ids.users, target.url)).toEqual([]);
  }, 180_000);
});
