/**
 * `profile-graph campaigns launch|report` as users run them: a separate process against the
 * test database. A launch from a file of ids assigns every member by the hash and reports who
 * was left out; the report prints each arm against the control, as text and as JSON; bad
 * input is a usage error with a sentence, never a stack trace.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assignArm } from '../../../src/campaigns/assignment.js';
import { CampaignsService } from '../../../src/campaigns/service.js';
import { EXIT_CODES } from '../../../src/cli/exit-codes.js';
import { useTestDatabase } from '../../helpers/test-db.js';
import { testServer } from '../../helpers/test-server.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const connection = testServer();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, NEO4J_URI: connection.uri, NEO4J_USERNAME: connection.username, NEO4J_PASSWORD: connection.password, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('profile-graph campaigns launch and report', () => {
  const t = useTestDatabase();

  it('launches a draft to a file of ids, and reports each arm against the control', async () => {
    await t.cypher(`UNWIND range(1, 400) AS i CREATE (:User {id: 'u' + right('0000' + i, 5), consentProfiling: true, consentMarketing: i % 10 <> 0})`);
    const service = new CampaignsService(t.db, { channels: ['file:ids'], frequencyCap: { contacts: 3, days: 7 } });
    const draft = await service.create(
      { name: 'CLI', arms: [{ name: 'A', share: 0.9, channel: 'file:ids', template: 'a' }], goal: { kind: 'PURCHASE', withinDays: 7 } },
      new Date(),
    );
    const ids = Array.from({ length: 400 }, (_, i) => `u${String(i + 1).padStart(5, '0')}`);
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'campaign-ids-')), 'ids.txt');
    await writeFile(file, `user_id\n${ids.join('\n')}\nnobody\n\n`);

    const bad = await cli(['campaigns', 'launch', draft.id]);
    expect(bad.code).toBe(EXIT_CODES.usage);
    expect(bad.stderr).toMatch(/exactly one of --segment or --ids/);
    expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace

    const launched = await cli(['campaigns', 'launch', draft.id, '--ids', file]);
    expect(launched.code, launched.stderr).toBe(EXIT_CODES.ok);
    const report = JSON.parse(launched.stdout) as { status: string; assigned: Record<string, number>; leftOut: Record<string, number>; notFound: number };
    const consenting = ids.filter((id) => Number(id.slice(1)) % 10 !== 0);
    const expected: Record<string, number> = {};
    for (const id of consenting) {
      const arm = assignArm(draft.id, id, draft.shares);
      expected[arm] = (expected[arm] ?? 0) + 1;
    }
    expect(report).toMatchObject({ status: 'RUNNING', assigned: expected, leftOut: { NO_MARKETING_CONSENT: 40 }, notFound: 1 });

    const again = await cli(['campaigns', 'launch', draft.id, '--ids', file]);
    expect(again.code).toBe(EXIT_CODES.failure);
    expect(again.stderr).toMatch(/launched once/);

    const text = await cli(['campaigns', 'report', draft.id]);
    expect(text.code, text.stderr).toBe(EXIT_CODES.ok);
    expect(text.stdout).toMatch(new RegExp(`^control\\s+assigned\\s+${expected['control']}\\b`, 'm'));
    expect(text.stdout).toMatch(new RegExp(`^A\\s+assigned\\s+${(expected['A'] ?? 0).toLocaleString('en-US')}\\b`, 'm'));
    expect(text.stdout).toMatch(/uplift 0\.00 pp, 95 %/);
    expect(text.stdout).toMatch(/^channel file:ids \(A\): contacted 0, uplift 0\.00 pp .*, no cost configured$/m);
    expect(text.stdout).toMatch(/^sample ratio: chi-square [0-9.]+, p [0-9.e-]+ \(fits the shares\)$/m);
    const json = JSON.parse((await cli(['campaigns', 'report', draft.id, '--json'])).stdout) as { arms: { arm: string; assigned: number }[] };
    expect(Object.fromEntries(json.arms.map((arm) => [arm.arm, arm.assigned]))).toEqual(expected);

    const unknown = await cli(['campaigns', 'report', 'no-such-campaign']);
    expect(unknown.code).not.toBe(EXIT_CODES.ok);
    expect(unknown.stderr).toMatch(/Campaign/);
  }, 120_000);
});
