import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestQueries } from '../../../src/ingest/queries.js';
import { exportSegment, type ExportTarget } from '../../../src/segments/export.js';
import { SegmentsService } from '../../../src/segments/service.js';
import { useTestDatabase } from '../../helpers/test-db.js';
import { testServer } from '../../helpers/test-server.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const sha = (value: string) => createHash('sha256').update(value).digest('hex');

describe('segment export for ad platforms', () => {
  const t = useTestDatabase();

  /** Five members, best first: identifiers and consents vary. */
  async function savedSegment() {
    const users = [
      { id: 'u1', props: { email: '  Ann.Lee@Example.COM ', phone: '+44 20 7946 0018', consentProfiling: true, consentMarketing: true } },
      { id: 'u2', props: { email: null, phone: '+15551234567', consentProfiling: true, consentMarketing: true } },
      { id: 'u3', props: { email: 'no-marketing@example.com', consentProfiling: true, consentMarketing: false } },
      { id: 'u4', props: { email: null, phone: null, consentProfiling: true, consentMarketing: true } },
      { id: 'u5', props: { email: 'withdrew@example.com', consentProfiling: false, consentMarketing: true } },
    ];
    await t.db.mutate(ingestQueries.upsertUsers, { rows: users });
    return new SegmentsService(t.db).save(
      'buyers lookalike',
      'LOOKALIKE',
      {},
      [],
      10,
      users.map((u, i) => ({ userId: u.id, score: 1 - i / 10 })),
    );
  }

  const run = async (segmentId: string, target: ExportTarget) => {
    const lines: string[] = [];
    const report = await exportSegment(t.db, segmentId, target, (line) => void lines.push(line));
    return { lines, report };
  };

  it('writes SHA-256 of normalised identifiers, only for members who consent to profiling and marketing', async () => {
    const segment = await savedSegment();
    const google = await run(segment.id, 'google');
    expect(google.lines).toEqual([
      'rank,score,email_sha256,phone_sha256',
      `1,1,${sha('ann.lee@example.com')},${sha('+442079460018')}`,
      `2,0.9,,${sha('+15551234567')}`,
    ]);
    expect(google.report).toEqual({ written: 2, withoutConsent: 2, withoutIdentifier: 1 });
    expect(google.lines.join('\n')).not.toContain('example.com');
    const meta = await run(segment.id, 'meta');
    expect(meta.lines[2]).toBe(`2,0.9,,${sha('15551234567')}`);
    const ids = await run(segment.id, 'ids');
    expect(ids.lines).toEqual(['rank,score,user_id', '1,1,"u1"', '2,0.9,"u2"', '4,0.7,"u4"']);
  });

  it('is a CLI command that writes a file and reports what it left out; an unknown segment exits 1', async () => {
    const segment = await savedSegment();
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'pg-export-')), 'audience.csv');
    const connection = testServer();
    const cli = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
          cwd: ROOT,
          env: { ...process.env, NEO4J_URI: connection.uri, NEO4J_USERNAME: connection.username, NEO4J_PASSWORD: connection.password, LOG_LEVEL: 'warn' },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const done = await cli(['segments', 'export', segment.id, '--target', 'meta', '--out', out]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stderr).toContain('exported 2 members (meta); left out: 2 without profiling or marketing consent, 1 without email or phone');
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(3);
    const missing = await cli(['segments', 'export', 'no-such-segment']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Segment "no-such-segment" does not exist');
  });

  it('pages the same lines through the API, with hashed targets for roles that may read PII only', async () => {
    const segment = await savedSegment();
    const EXPORT = `query ($id: ID!, $target: ExportTarget!, $first: Int, $after: String) {
      segment(id: $id) { export(target: $target, first: $first, after: $after) {
        header lines withoutConsent withoutIdentifier pageInfo { hasNextPage endCursor } } } }`;
    type ExportPage = {
      header: string;
      lines: string[];
      withoutConsent: number;
      withoutIdentifier: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
    const pages: ExportPage[] = [];
    let after: string | null = null;
    do {
      const result: { data?: { segment: { export: ExportPage } } | null; errors?: unknown } = await t.graphql<{ segment: { export: ExportPage } }>(EXPORT, {
        id: segment.id,
        target: 'GOOGLE',
        first: 2,
        after,
      });
      expect(result.errors).toBeUndefined();
      const page: ExportPage | undefined = result.data?.segment.export;
      if (!page) throw new Error('no export page');
      pages.push(page);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    // Five members in pages of 2: u1 u2 | u3 (no marketing) u4 (no identifier) | u5 (withdrew).
    expect(pages.map((page) => page.lines.length)).toEqual([2, 0, 0]);
    expect(pages.map((page) => [page.withoutConsent, page.withoutIdentifier])).toEqual([
      [0, 0],
      [1, 1],
      [1, 0],
    ]);
    const cli = await run(segment.id, 'google');
    expect([pages[0]?.header, ...pages.flatMap((page) => page.lines)]).toEqual(cli.lines);

    const analyst = await t.graphql(EXPORT, { id: segment.id, target: 'META' }, { role: 'analyst' });
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ids = await t.graphql(EXPORT, { id: segment.id, target: 'IDS' }, { role: 'analyst' });
    expect(ids.data?.segment.export.lines).toEqual(['1,1,"u1"', '2,0.9,"u2"', '4,0.7,"u4"']);
    const tooMany = await t.graphql(EXPORT, { id: segment.id, target: 'IDS', first: 5_001 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const forged = await t.graphql(EXPORT, { id: segment.id, target: 'IDS', after: 'bm90LWEtY3Vyc29y' });
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
