import { availableParallelism } from 'node:os';

/**
 * How the integration files spread over servers: one vitest worker per Neo4j server, so the
 * worker count and the server count are the same number (vitest.config.ts reads it too).
 * TEST_WORKERS overrides; an external TEST_NEO4J_URI is one server, so one worker.
 */
export function testWorkerCount(): number {
  if (process.env['TEST_NEO4J_URI'] !== undefined) return 1;
  const asked = Number(process.env['TEST_WORKERS'] ?? String(defaultWorkers()));
  if (!Number.isInteger(asked) || asked < 1 || asked > 8)
    throw new Error(`TEST_WORKERS must be a whole number from 1 to 8, not "${process.env['TEST_WORKERS']}"`);
  return asked;
}

/**
 * One worker per two cores, and at least two: an integration file keeps a core busy in Neo4j and
 * one in Node while it computes, but much of a file's time is spent waiting (a JVM starting, a
 * child process, a sleep the test needs), which a second worker fills. On 2 cores, a full run of
 * the 102 files: one worker 547 s with the cores 71 % busy, two workers 431–494 s at 95–96 %.
 */
function defaultWorkers(): number {
  return Math.min(4, Math.max(2, Math.floor(availableParallelism() / 2)));
}

/** Slots 1 … testWorkerCount(). */
export function testSlots(): number[] {
  return Array.from({ length: testWorkerCount() }, (_, index) => index + 1);
}

/**
 * This worker's slot: vitest numbers the workers that run at one time 1 … maxWorkers
 * (VITEST_POOL_ID), so two files that run at once never share a slot, nor its server.
 */
export function workerSlot(): number {
  const pool = Number(process.env['VITEST_POOL_ID'] ?? '1');
  return ((pool - 1) % testWorkerCount()) + 1;
}
