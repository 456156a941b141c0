/**
 * Ctrl-C under `npm start` reaches the API several times within milliseconds (the terminal's
 * process group, then npm's and tsx's relays): that must run one graceful shutdown, while a
 * person's second Ctrl-C still exits at once.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';

async function run(stopMs: number, gapsMs: readonly number[]): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'tests/fixtures/signal-handling.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, STOP_MS: String(stopMs) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await once(child.stdout, 'data');
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  for (const gap of gapsMs) {
    await new Promise((resolve) => setTimeout(resolve, gap));
    child.kill('SIGINT');
  }
  return exited;
}

describe('termination signals', () => {
  it('take a burst of one signal as one: the shutdown finishes and the exit code is 0', async () => {
    expect(await run(800, [0, 5, 30])).toBe(0);
  }, 20_000);

  it('exit at once with 130 on a second signal well after the first', async () => {
    const started = Date.now();
    expect(await run(10_000, [0, 1_500])).toBe(130);
    expect(Date.now() - started).toBeLessThan(8_000);
  }, 20_000);
});
