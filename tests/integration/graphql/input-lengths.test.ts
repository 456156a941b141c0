import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_DEPTH } from '../../../src/graphql/input-lengths.js';
import { runImport } from '../../../src/ingest/importer.js';
import { createLogger } from '../../../src/logger.js';
import { nodeCount } from '../../helpers/fixtures.js';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';

describe('text length limits', () => {
  const t = useTestDatabase();
  const long = (n: number) => 'x'.repeat(n);

  it('refuses over-long text in any argument, inline or in variables, with BAD_USER_INPUT and writes nothing', async () => {
    const upsert = `mutation ($u: [UserInput!]!) { upsertUsers(input: $u) { created } }`;
    // Indexed fields: a 40 KB value was an INTERNAL_SERVER_ERROR ("too large to index").
    for (const field of ['id', 'region', 'occupation']) {
      const user = { id: 'u1', displayName: 'U', [field]: long(40_000) };
      const result = await t.graphql(upsert, { u: [user] });
      expect(errorCode(result), field).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toContain(`${field} is 40,000 characters long`);
    }
    // Free text: a 5 MB displayName was stored.
    expect(errorCode(await t.graphql(upsert, { u: [{ id: 'u1', displayName: long(5_000_000) }] }))).toBe('BAD_USER_INPUT');
    const products = await t.graphql(`mutation { upsertProducts(input: [{ id: "p1", name: "P", category: "${long(10_000)}" }]) { created } }`);
    expect(errorCode(products)).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.graphql(`mutation ($i: ID!) { upsertInterests(input: [{ id: $i, name: "I" }]) { created } }`, { i: long(201) }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await t.graphql(`query ($id: ID!) { user(id: $id) { id } }`, { id: long(40_000) }))).toBe('BAD_USER_INPUT');
    // Arguments written in fragments, with variables or inline: a 5 MB name through a fragment was stored.
    const throughFragment = `mutation ($u: [UserInput!]!) { ...Upsert } fragment Upsert on Mutation { upsertUsers(input: $u) { created } }`;
    expect(errorCode(await t.graphql(throughFragment, { u: [{ id: 'u1', displayName: long(5_000_000) }] }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.graphql(`query { ...Q } fragment Q on Query { user(id: "${long(40_000)}") { id } }`))).toBe('BAD_USER_INPUT');
    expect(await nodeCount(t)).toBe(0);

    // At the limit is fine.
    const ok = await t.graphql(upsert, { u: [{ id: long(200), displayName: long(200), region: long(100) }] });
    expect(ok.errors).toBeUndefined();
  });

  it('refuses input nested past the depth limit with BAD_USER_INPUT naming it, in variables and inline (10,000 deep was an HTTP 500)', async () => {
    const nested = (depth: number) => {
      let rule: Record<string, unknown> = { attribute: { attribute: 'REGION', equals: 'North' } };
      for (let i = 0; i < depth; i += 1) rule = { not: rule };
      return rule;
    };
    const preview = 'query ($r: SegmentRuleInput!) { previewSegment(rule: $r) { size } }';
    for (const depth of [3_000, 10_000, 100_000]) {
      const result = await t.graphql(preview, { r: nested(depth) });
      expect(errorCode(result), String(depth)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toContain(`The argument "rule" nests more than ${MAX_INPUT_DEPTH} lists and objects deep`);
    }
    const inline = `{ previewSegment(rule: ${'{not: '.repeat(60)}{attribute: {attribute: REGION, equals: "North"}}${'}'.repeat(60)}) { size } }`;
    expect(errorCode(await t.graphql(inline))).toBe('BAD_USER_INPUT');
    // A rule as deep as rules may be (8 levels) still reaches the rule compiler, which names its own limit.
    expect((await t.graphql(preview, { r: nested(7) })).errors).toBeUndefined();
    const tooDeepRule = await t.graphql(preview, { r: nested(8) });
    expect(errorCode(tooDeepRule)).toBe('BAD_USER_INPUT');
    expect(tooDeepRule.errors?.[0]?.message).toContain('rules nest at most 8 deep');
  });

  it('rejects over-long CSV cells to the rejects file and imports the rest', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pg-long-'));
    writeFileSync(path.join(dir, 'users.csv'), `id,displayName,region\nok1,Ok,North\n${long(300)},Long id,North\nok2,Ok,${long(40_000)}\n`);
    const summary = await runImport(t.db, t.config, createLogger('silent'), {
      source: 'csv',
      dir,
      batchSize: 100,
      consent: false,
      tty: false,
      rejectsPath: path.join(dir, 'rejects.csv'),
    });
    expect(summary.rejected).toBe(2);
    expect((await t.cypher<{ id: string }>('MATCH (u:User) RETURN u.id AS id')).map((row) => row.id)).toEqual(['ok1']);
  });
});
